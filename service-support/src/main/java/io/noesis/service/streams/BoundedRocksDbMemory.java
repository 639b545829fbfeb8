package io.noesis.service.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of all of a service's RocksDB stores together, as the Kafka Streams memory
 * management guide recommends: one block cache shared by every store, with the memtables charged to it.
 * Left alone, each store takes its own 50 MB block cache and three 16 MB memtables, which alone would put
 * a service with a handful of stores past its memory budget.
 * <p>
 * The budget is {@value #TOTAL_MEMORY_CONFIG} in the Streams configuration (default 16 MB), of which half
 * goes to memtables; it is read once, by the first store opened, as every store shares it.
 * <p>
 * A service opens one RocksDB per store and partition (24 in episode-service, 42 in approval-service), and
 * a memtable takes its memory from the shared budget an arena block at a time: RocksDB's default block, an
 * eighth of the memtable size, is 512 KB here. With those defaults and a quarter of the budget the
 * memtables' first blocks alone outgrew it, so every write (each commit's batch from the record cache)
 * made RocksDB flush the store's memtable: a small SST file per store at every commit, and a compaction of
 * them every few commits, which took a third of a core in episode-service (docs/performance.md). Small
 * arena blocks and half of the budget leave the memtables room to fill before they are flushed.
 */
public class BoundedRocksDbMemory implements RocksDBConfigSetter {

    public static final String TOTAL_MEMORY_CONFIG = "noesis.rocksdb.total.memory.bytes";
    private static final long DEFAULT_TOTAL_MEMORY = 16L * 1024 * 1024;
    private static final double INDEX_AND_FILTER_SHARE = 0.1;
    private static final long MEMTABLE_SIZE = 4L * 1024 * 1024;
    private static final long ARENA_BLOCK_SIZE = 16L * 1024;
    private static final int MEMTABLES_PER_STORE = 2;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        share(totalMemory(configs));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBuffers);
        options.setWriteBufferSize(MEMTABLE_SIZE);
        options.setArenaBlockSize(ARENA_BLOCK_SIZE);
        options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared by every store and live as long as the service.
    }

    private static synchronized void share(long totalMemory) {
        if (cache == null) {
            cache = new LRUCache(totalMemory, -1, false, INDEX_AND_FILTER_SHARE);
            writeBuffers = new WriteBufferManager(totalMemory / 2, cache);
        }
    }

    private static long totalMemory(Map<String, Object> configs) {
        Object configured = configs.get(TOTAL_MEMORY_CONFIG);
        return configured == null ? DEFAULT_TOTAL_MEMORY : Long.parseLong(configured.toString());
    }
}
