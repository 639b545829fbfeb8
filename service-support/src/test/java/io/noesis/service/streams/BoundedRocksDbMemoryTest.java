package io.noesis.service.streams;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.AbstractEventListener;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushJobInfo;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Real RocksDB instances opened as Kafka Streams opens a service's stores (its own options first, then the
 * config setter), written as Kafka Streams writes them: one batch per store at each commit, from the record
 * cache, with the write-ahead log off.
 */
class BoundedRocksDbMemoryTest {

    /** approval-service's count: seven stores on each of six partitions. */
    private static final int STORES = 42;
    private static final int COMMITS = 50;
    private static final int RECORDS_PER_COMMIT = 20;

    static {
        RocksDB.loadLibrary();
    }

    private final List<RocksDB> stores = new ArrayList<>();
    /** The native objects behind the stores, closed after them. */
    private final List<AutoCloseable> storeResources = new ArrayList<>();
    private final AtomicInteger flushes = new AtomicInteger();
    private final AbstractEventListener flushCounter = new AbstractEventListener() {
        @Override
        public void onFlushCompleted(RocksDB db, FlushJobInfo flush) {
            flushes.incrementAndGet();
        }
    };

    @TempDir
    Path stateDir;

    @Test
    void manyStoresSharingTheBudgetDoNotFlushAtEveryCommit() throws Exception {
        for (int store = 0; store < STORES; store++) {
            stores.add(open("store-" + store));
        }
        Random values = new Random(42);
        try (WriteOptions withoutWal = new WriteOptions().setDisableWAL(true)) {
            for (int commit = 0; commit < COMMITS; commit++) {
                for (RocksDB store : stores) {
                    try (WriteBatch batch = commitBatch(values)) {
                        store.write(withoutWal, batch);
                    }
                }
                // Commits are 100 ms apart, time enough for the flushes a commit started to finish.
                awaitBackgroundFlushes();
            }
        }

        // With RocksDB's default arena blocks and a quarter of the budget for memtables, nearly every one of
        // these writes flushed a memtable (2,058 of 2,100). 50 commits of 4 KB bring each store's memtable to
        // 200 KB, 8.4 MB in all, which the budget holds for most of them (17 flushes).
        int commitsWritten = STORES * COMMITS;
        assertTrue(flushes.get() < commitsWritten / 10,
                flushes.get() + " memtable flushes for " + commitsWritten + " commits of a store");
    }

    private RocksDB open(String name) throws RocksDBException {
        // What Kafka Streams' RocksDBStore sets before it hands the options to the config setter.
        BloomFilter filter = new BloomFilter();
        Options storeOptions = new Options().setCreateIfMissing(true)
                .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(filter))
                .setCompactionStyle(CompactionStyle.UNIVERSAL).setCompressionType(CompressionType.NO_COMPRESSION)
                .setListeners(List.of(flushCounter));
        new BoundedRocksDbMemory().setConfig(name, storeOptions, Map.of());
        storeResources.addAll(List.of(storeOptions, filter));
        return RocksDB.open(storeOptions, stateDir.resolve(name).toString());
    }

    private static WriteBatch commitBatch(Random values) throws RocksDBException {
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < RECORDS_PER_COMMIT; i++) {
            byte[] value = new byte[200];
            values.nextBytes(value);
            batch.put(("episode-" + values.nextInt(10_000)).getBytes(StandardCharsets.UTF_8), value);
        }
        return batch;
    }

    private void awaitBackgroundFlushes() throws RocksDBException, InterruptedException {
        for (RocksDB store : stores) {
            while (store.getLongProperty("rocksdb.mem-table-flush-pending") > 0
                    || store.getLongProperty("rocksdb.num-running-flushes") > 0) {
                Thread.sleep(10);
            }
        }
    }

    @AfterEach
    void close() throws Exception {
        stores.forEach(RocksDB::close);
        for (AutoCloseable resource : storeResources) {
            resource.close();
        }
        flushCounter.close();
    }
}
