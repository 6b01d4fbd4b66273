package io.reelstream.tests.support;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;

import java.util.Map;

/**
 * The state backend settings the engine ships in {@code flink-conf/local} (RocksDB, where its
 * timers live, filters), so that the MiniCluster ITCases restore and fail over with the state
 * layout users run, not Flink's defaults.
 */
public final class ShippedStateBackend {

    private ShippedStateBackend() {}

    /** Copies every {@code state.backend.*} key of the shipped local configuration but folders. */
    public static Configuration applyTo(Configuration conf) {
        Map<String, String> shipped =
                GlobalConfiguration.loadConfiguration(
                                RepositoryRoot.path().resolve("flink-conf/local").toString())
                        .toMap();
        if (!"rocksdb".equals(shipped.get("state.backend.type"))) {
            throw new IllegalStateException("flink-conf/local does not ship RocksDB: " + shipped);
        }
        for (Map.Entry<String, String> entry : shipped.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith("state.backend.") && !key.endsWith("localdir")) {
                conf.setString(key, entry.getValue());
            }
        }
        return conf;
    }
}
