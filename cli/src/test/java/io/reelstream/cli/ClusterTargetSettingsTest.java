package io.reelstream.cli;

import io.reelstream.engine.ChangelogTimerGuard;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterTargetSettingsTest {

    private static final String TIMERS = "state.backend.rocksdb.timer-service.factory";

    @Test
    void shouldPutSetOptionsOverTheClustersSettings() throws Exception {
        var cluster =
                new ObjectMapper()
                        .readTree(
                                "[{\"key\":\"state.backend.type\",\"value\":\"rocksdb\"},"
                                        + "{\"key\":\""
                                        + TIMERS
                                        + "\",\"value\":\"HEAP\"}]");

        assertThat(ClusterTarget.jobSettings(cluster, Map.of(TIMERS, "ROCKSDB")))
                .containsEntry("state.backend.type", "rocksdb")
                .containsEntry(TIMERS, "ROCKSDB");
        assertThat(ClusterTarget.jobSettings(null, Map.of("a", "b"))).containsOnlyKeys("a");
    }

    @Test
    void shouldRefuseADeployOntoAChangelogClusterWithHeapTimersUnlessSetMovesThem()
            throws Exception {
        var cluster =
                new ObjectMapper()
                        .readTree(
                                "[{\"key\":\"state.backend.type\",\"value\":\"rocksdb\"},"
                                        + "{\"key\":\"state.changelog.enabled\",\"value\":\"true\"},"
                                        + "{\"key\":\""
                                        + TIMERS
                                        + "\",\"value\":\"HEAP\"}]");

        assertThat(ChangelogTimerGuard.refusal(ClusterTarget.jobSettings(cluster, Map.of())))
                .isPresent();
        assertThat(
                        ChangelogTimerGuard.refusal(
                                ClusterTarget.jobSettings(cluster, Map.of(TIMERS, "ROCKSDB"))))
                .isEmpty();
        assertThat(
                        ChangelogTimerGuard.refusal(
                                ClusterTarget.jobSettings(
                                        cluster, Map.of("state.changelog.enabled", "false"))))
                .isEmpty();
    }
}
