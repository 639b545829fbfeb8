package io.noesis.approval.streams;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The queue index of several partitions read as one sequence in key order. Each partition's store is in key
 * order, but a query across all of them returns one partition after the other; this merges them instead.
 */
final class MergedQueueScan implements Iterator<KeyValue<String, String>>, AutoCloseable {

    private record Head(KeyValue<String, String> entry, KeyValueIterator<String, String> rest) {
    }

    private final List<KeyValueIterator<String, String>> partitions;
    private final PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing((Head head) -> head.entry().key));

    MergedQueueScan(List<KeyValueIterator<String, String>> partitions) {
        this.partitions = partitions;
        partitions.forEach(this::takeHead);
    }

    @Override
    public boolean hasNext() {
        return !heads.isEmpty();
    }

    @Override
    public KeyValue<String, String> next() {
        Head first = heads.poll();
        if (first == null) {
            throw new NoSuchElementException();
        }
        takeHead(first.rest());
        return first.entry();
    }

    @Override
    public void close() {
        partitions.forEach(KeyValueIterator::close);
    }

    private void takeHead(KeyValueIterator<String, String> partition) {
        if (partition.hasNext()) {
            heads.add(new Head(partition.next(), partition));
        }
    }
}
