package io.reelstream.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangelogTimerGuardTest {

    private static final String CHANGELOG = "state.changelog.enabled";
    private static final String BACKEND = "state.backend.type";
    private static final String TIMERS = "state.backend.rocksdb.timer-service.factory";

    @ParameterizedTest(name = "changelog={0} backend={1} timers={2}")
    @CsvSource({"true, rocksdb, HEAP", "' TRUE ', RocksDB, heap"})
    void shouldRefuseTheChangelogWithHeapTimersInRocksDb(
            String changelog, String backend, String timers) {
        assertThat(refusal(changelog, backend, timers))
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains(TIMERS + "=ROCKSDB", "loses"));
    }

    /**
     * Without the changelog, with timers in RocksDB (also Flink's default for RocksDB), or with the
     * heap backend, which snapshots its own timers with its state.
     */
    @ParameterizedTest(name = "changelog={0} backend={1} timers={2}")
    @CsvSource({
        ", rocksdb, HEAP",
        "false, rocksdb, HEAP",
        "true, rocksdb, ROCKSDB",
        "true, rocksdb, ",
        "true, hashmap, HEAP",
    })
    void shouldAllowEveryOtherCombination(String changelog, String backend, String timers) {
        assertThat(refusal(changelog, backend, timers)).isEmpty();
    }

    /** The guard's answer for these settings, an empty cell leaving its key unset. */
    private static Optional<String> refusal(String changelog, String backend, String timers) {
        Map<String, String> settings = new HashMap<>();
        settings.put(BACKEND, backend);
        if (changelog != null) {
            settings.put(CHANGELOG, changelog);
        }
        if (timers != null) {
            settings.put(TIMERS, timers);
        }
        return ChangelogTimerGuard.refusal(settings);
    }

    @Test
    void shouldKeepTheLocalClusterFromStartingWithHeapTimersUnderTheChangelog(@TempDir Path dir)
            throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(
                conf.resolve("config.yaml"),
                BACKEND + ": rocksdb\n" + TIMERS + ": HEAP\n" + CHANGELOG + ": true\n");

        assertThatThrownBy(() -> LocalFlinkCluster.configuration(conf, dir.resolve("data"), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(TIMERS + "=ROCKSDB");

        Files.writeString(
                conf.resolve("config.yaml"),
                BACKEND + ": rocksdb\n" + TIMERS + ": ROCKSDB\n" + CHANGELOG + ": true\n");
        assertThat(LocalFlinkCluster.configuration(conf, dir.resolve("data"), 0).toMap())
                .containsEntry(CHANGELOG, "true");
    }
}
