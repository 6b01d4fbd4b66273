package io.reelstream.engine;

import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses Flink's changelog state backend while RocksDB keeps the timers on the heap: Flink 2.2.1
 * leaves heap timers out of the changelog backend's materialization, so a restore after one loses
 * every timer not registered again since, silently (0 of 1,000 fired in the check of
 * docs/benchmarks.md, session 28; {@code TimerStoreSwitchITCase}). Every job of the engine depends
 * on its timers: decay, expiry, settle, emission.
 */
public final class ChangelogTimerGuard {

    private ChangelogTimerGuard() {}

    /**
     * Why {@code settings} (a job's effective Flink configuration, as strings) must not run, or
     * empty when it may.
     */
    public static Optional<String> refusal(Map<String, String> settings) {
        boolean changelog =
                Boolean.parseBoolean(
                        value(
                                settings,
                                StateChangelogOptions.ENABLE_STATE_CHANGE_LOG.key(),
                                "false"));
        String backend = value(settings, StateBackendOptions.STATE_BACKEND.key(), "hashmap");
        String timers =
                value(
                        settings,
                        RocksDBOptions.TIMER_SERVICE_FACTORY.key(),
                        RocksDBOptions.TIMER_SERVICE_FACTORY.defaultValue().name());
        if (!changelog || !backend.equals("rocksdb") || !timers.equals("heap")) {
            return Optional.empty();
        }
        return Optional.of(
                String.format(
                        "Refusing %s=true with %s=HEAP: Flink 2.2.1 leaves heap timers out of the"
                                + " changelog backend's materialization, and a restore after one"
                                + " loses the jobs' timers. Set %s=ROCKSDB (and move the timers"
                                + " through a canonical savepoint), or keep the changelog off.",
                        StateChangelogOptions.ENABLE_STATE_CHANGE_LOG.key(),
                        RocksDBOptions.TIMER_SERVICE_FACTORY.key(),
                        RocksDBOptions.TIMER_SERVICE_FACTORY.key()));
    }

    private static String value(Map<String, String> settings, String key, String otherwise) {
        String value = settings.get(key);
        return (value == null ? otherwise : value).trim().toLowerCase(Locale.ROOT);
    }
}
