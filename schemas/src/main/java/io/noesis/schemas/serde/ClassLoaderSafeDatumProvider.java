package io.noesis.schemas.serde;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Reads into the generated classes through this module's class loader. Apicurio's default provider
 * resolves them through SpecificData.get(), which under Quarkus' test class loaders finds a second
 * copy of each class and fails with a ClassCastException.
 * <p>
 * Readers and writers are kept per schema instance. Apicurio's own cache is keyed by the schema's parsing
 * fingerprint, which it computes for every record written: for the episode event's large union that was
 * most of a service's CPU time (see docs/benchmarks.md).
 */
public class ClassLoaderSafeDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    private static final SpecificData GENERATED = generatedModel();

    private final Map<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();

    public ClassLoaderSafeDatumProvider() {
        super(true);
    }

    @Override
    public DatumReader<T> createDatumReader(Schema writerSchema) {
        return readers.computeIfAbsent(writerSchema, ClassLoaderSafeDatumProvider::specificReader);
    }

    /** Schema's hash code is cached and its equals starts with identity, so this lookup costs next to nothing. */
    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        return writers.computeIfAbsent(schema, unseen -> super.createDatumWriter(data, unseen));
    }

    /** The schemas' logical types (timestamps) need their conversions, as the generated classes' own model has. */
    private static SpecificData generatedModel() {
        SpecificData model = new SpecificData(ClassLoaderSafeDatumProvider.class.getClassLoader());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        return model;
    }

    private static <T> DatumReader<T> specificReader(Schema writerSchema) {
        Class<?> generated = GENERATED.getClass(writerSchema);
        Schema readerSchema = generated == null ? writerSchema : GENERATED.getSchema(generated);
        return new SpecificDatumReader<>(writerSchema, readerSchema, GENERATED);
    }
}
