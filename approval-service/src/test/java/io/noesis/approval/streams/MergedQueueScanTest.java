package io.noesis.approval.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;

class MergedQueueScanTest {

    /** One partition's index, in key order, as a store's range scan returns it. */
    private static final class Partition implements KeyValueIterator<String, String> {
        private final Iterator<String> keys;
        boolean closed;

        Partition(String... keys) {
            this.keys = List.of(keys).iterator();
        }

        @Override
        public boolean hasNext() {
            return keys.hasNext();
        }

        @Override
        public KeyValue<String, String> next() {
            String key = keys.next();
            return KeyValue.pair(key, "episode-" + key);
        }

        @Override
        public String peekNextKey() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void partitionsAreReadAsOneSequenceInKeyOrderAndAllClosed() {
        Partition first = new Partition("02", "05", "09");
        Partition empty = new Partition();
        Partition second = new Partition("01", "03", "04", "10");
        List<String> keys = new ArrayList<>();

        try (MergedQueueScan scan = new MergedQueueScan(List.of(first, empty, second))) {
            scan.forEachRemaining(entry -> keys.add(entry.key));
        }

        assertEquals(List.of("01", "02", "03", "04", "05", "09", "10"), keys);
        assertTrue(first.closed && empty.closed && second.closed);
    }
}
