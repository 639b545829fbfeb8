package io.noesis.service.streams;

import io.noesis.schemas.Topic;
import io.noesis.schemas.serde.RegistrySerdes;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * A store that indexes a topic the service writes and keeps forever: a global store filled from the topic, with
 * no changelog, so the topic stays the only copy of its records on the broker.
 *
 * <p>Kafka Streams restores a global store by replaying its topic through the same processor, so a lost state
 * directory costs a replay of the topic, as it cost a replay of a changelog; a record filed twice is the same
 * entry. Every instance holds the whole index. An entry is there once the transaction that wrote its record
 * has committed (the global consumer reads committed records only), a few milliseconds after the writer's
 * own stores know it. Unreadable records go to the dead-letter topic, as on every other input.
 */
public final class TopicIndex {

    /**
     * @param entryOf the key and stored value a record's value is filed under, or empty to leave it out
     */
    public static <V, S> void add(StreamsBuilder builder, RegistrySerdes serdes, Topic<V> topic, String storeName,
            Serde<S> storeSerde, Function<V, Optional<KeyValue<String, S>>> entryOf) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.String(), storeSerde)
                        .withLoggingDisabled(),
                topic.name(),
                Consumed.with(RegistrySerdes.keySerde(), serdes.valueSerde(topic)).withName("read-" + storeName),
                () -> new Indexer<>(storeName, entryOf));
    }

    private static final class Indexer<V, S> implements Processor<String, V, Void, Void> {

        private final String storeName;
        private final Function<V, Optional<KeyValue<String, S>>> entryOf;
        private KeyValueStore<String, S> index;

        Indexer(String storeName, Function<V, Optional<KeyValue<String, S>>> entryOf) {
            this.storeName = storeName;
            this.entryOf = entryOf;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            index = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, V> record) {
            if (record.value() != null) {
                entryOf.apply(record.value()).ifPresent(entry -> index.put(entry.key, entry.value));
            }
        }
    }

    private TopicIndex() {
    }
}
