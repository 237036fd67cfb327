package io.abtest.jobs.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class AnalysisJobStateBackendTest {

    private static ReadableConfig configured(String... stateBackend) {
        String[] args = new String[4 + stateBackend.length];
        System.arraycopy(new String[] {"--experiments", "exp.yaml", "--output", "out"}, 0, args, 0, 4);
        System.arraycopy(stateBackend, 0, args, 4, stateBackend.length);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        AnalysisJob.configure(env, AnalysisJobOptions.parse(args));
        return env.getConfiguration();
    }

    @Test
    void withoutTheOptionTheClustersStateBackendIsKept() {
        ReadableConfig config = configured();
        assertFalse(config.getOptional(StateBackendOptions.STATE_BACKEND).isPresent());
    }

    @Test
    void rocksdbCheckpointsIncrementally() {
        ReadableConfig config = configured("--state-backend", "rocksdb");
        assertEquals("rocksdb", config.get(StateBackendOptions.STATE_BACKEND));
        assertTrue(config.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS));
    }

    @Test
    void hashmapIsFlinksHeapBackend() {
        ReadableConfig config = configured("--state-backend", "hashmap");
        assertEquals("hashmap", config.get(StateBackendOptions.STATE_BACKEND));
        assertFalse(config.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS));
    }

    @Test
    void anotherBackendIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> configured("--state-backend",
                "forst"));
        assertEquals("--state-backend: must be hashmap or rocksdb, got forst", e.getMessage());
    }

    /** frocksdbjni (a dependency of the RocksDB backend) ships this platform's native library, and it works. */
    @Test
    void rocksdbsNativeLibraryLoadsOnThisMachine(@TempDir java.nio.file.Path tmp) throws Exception {
        RocksDB.loadLibrary();
        try (Options options = new Options().setCreateIfMissing(true);
                RocksDB db = RocksDB.open(options, tmp.toString())) {
            db.put("unit".getBytes(), "profile".getBytes());
            assertEquals("profile", new String(db.get("unit".getBytes())));
        }
    }
}
