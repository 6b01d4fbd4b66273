package io.reelstream.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangelogTimerGuardTest {

    private static final String CHANGELOG = "state.changelog.enabled";
    private static final String BACKEND = "state.backend.type";
    private static final String TIMERS = "state.backend.rocksdb.timer-service.factory";

    @Test
    void shouldRefuseTheChangelogWithHeapTimersInRocksDb() {
        assertThat(
                        ChangelogTimerGuard.refusal(
                                Map.of(CHANGELOG, "true", BACKEND, "rocksdb", TIMERS, "HEAP")))
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains(TIMERS + "=ROCKSDB", "loses"));
        assertThat(
                        ChangelogTimerGuard.refusal(
                                Map.of(CHANGELOG, " TRUE ", BACKEND, "RocksDB", TIMERS, "heap")))
                .isPresent();
    }

    @Test
    void shouldAllowEveryOtherCombination() {
        assertThat(ChangelogTimerGuard.refusal(Map.of(BACKEND, "rocksdb", TIMERS, "HEAP")))
                .isEmpty();
        assertThat(
                        ChangelogTimerGuard.refusal(
                                Map.of(CHANGELOG, "false", BACKEND, "rocksdb", TIMERS, "HEAP")))
                .isEmpty();
        assertThat(
                        ChangelogTimerGuard.refusal(
                                Map.of(CHANGELOG, "true", BACKEND, "rocksdb", TIMERS, "ROCKSDB")))
                .isEmpty();
        // Flink's default timer store for RocksDB is RocksDB itself.
        assertThat(ChangelogTimerGuard.refusal(Map.of(CHANGELOG, "true", BACKEND, "rocksdb")))
                .isEmpty();
        // The heap backend snapshots its own timers with its state.
        assertThat(
                        ChangelogTimerGuard.refusal(
                                Map.of(CHANGELOG, "true", BACKEND, "hashmap", TIMERS, "HEAP")))
                .isEmpty();
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
