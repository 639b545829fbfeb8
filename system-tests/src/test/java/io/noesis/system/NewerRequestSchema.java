package io.noesis.system;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.noesis.schemas.EpisodeRequest;
import io.noesis.schemas.Topics;
import io.noesis.schemas.serde.RegistrySerdes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * An episode request as a client on a newer, compatible version of the schema writes it: one more
 * optional field. Serializing it registers that version, whose id no service has cached yet.
 */
final class NewerRequestSchema {

    private static final String NEW_FIELD = "client_hint";

    private NewerRequestSchema() {
    }

    static byte[] serialize(String registryUrl, String episodeId, String task) {
        Schema newer = newerSchema();
        GenericRecord request = new GenericData.Record(newer);
        request.put("episode_id", episodeId);
        request.put("task", task);
        request.put("tags", Map.of());
        request.put(NEW_FIELD, "written by a newer client");
        try (AvroKafkaSerializer<GenericRecord> serializer = new AvroKafkaSerializer<>()) {
            serializer.configure(new RegistrySerdes(registryUrl).config(), false);
            return serializer.serialize(Topics.EPISODE_REQUESTS.name(), request);
        }
    }

    private static Schema newerSchema() {
        Schema current = EpisodeRequest.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        current.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        fields.add(new Schema.Field(NEW_FIELD, Schema.createUnion(Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.STRING)), null, JsonProperties.NULL_VALUE));
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }
}
