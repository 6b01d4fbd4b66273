package io.reelstream.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaBrokerConfigTest {

    @TempDir Path dir;

    @Test
    void shouldDescribeSingleNodeKraftClusterWithReplicationOne() {
        Map<String, String> s =
                new KafkaBrokerConfig("localhost", 19092, 19093, dir.resolve("logs"), Map.of())
                        .settings();

        assertThat(s)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@localhost:19093")
                .containsEntry(
                        "listeners", "PLAINTEXT://localhost:19092,CONTROLLER://localhost:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://localhost:19092")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("auto.create.topics.enable", "false")
                .containsEntry("log.dirs", dir.resolve("logs").toAbsolutePath().toString())
                .doesNotContainKey("transaction.max.timeout.ms");
    }

    @Test
    void shouldLetExtraPropertiesOverrideDefaults() {
        Map<String, String> s =
                new KafkaBrokerConfig(
                                "localhost",
                                1,
                                2,
                                dir,
                                Map.of(
                                        "auto.create.topics.enable",
                                        "true",
                                        "log.segment.bytes",
                                        "1048576"))
                        .settings();

        assertThat(s)
                .containsEntry("auto.create.topics.enable", "true")
                .containsEntry("log.segment.bytes", "1048576");
    }

    @Test
    void shouldWriteLoadablePropertiesFile() throws Exception {
        KafkaBrokerConfig config = new KafkaBrokerConfig("127.0.0.1", 3, 4, dir, Map.of());
        Path file = dir.resolve("conf").resolve("server.properties");

        config.writeTo(file);

        Properties loaded = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            loaded.load(in);
        }
        assertThat(loaded).isEqualTo(asProperties(config.settings()));
    }

    @Test
    void shouldRejectSamePortForBrokerAndController() {
        assertThatThrownBy(() -> new KafkaBrokerConfig("localhost", 5, 5, dir, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KafkaBrokerConfig("localhost", 0, 5, dir, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Properties asProperties(Map<String, String> map) {
        Properties p = new Properties();
        p.putAll(map);
        return p;
    }
}
