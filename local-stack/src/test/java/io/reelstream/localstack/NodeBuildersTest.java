package io.reelstream.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeBuildersTest {

    @TempDir Path dir;

    @Test
    void kafkaShouldPickDistinctFreePortsOnceAndKeepThem() {
        KafkaNode node = KafkaNode.builder(dir).build();

        assertThat(node.brokerPort()).isPositive().isNotEqualTo(node.controllerPort());
        assertThat(node.bootstrapServers()).isEqualTo("localhost:" + node.brokerPort());
        assertThat(node.bootstrapServers()).isEqualTo(node.bootstrapServers());
        assertThat(node.isRunning()).isFalse();
    }

    @Test
    void kafkaShouldKeepGivenPortsHostAndProperties() {
        KafkaNode node =
                KafkaNode.builder(dir)
                        .host("127.0.0.1")
                        .brokerPort(29092)
                        .controllerPort(29093)
                        .brokerProperty("num.partitions", "3")
                        .build();

        assertThat(node.bootstrapServers()).isEqualTo("127.0.0.1:29092");
        assertThat(node.config().settings()).containsEntry("num.partitions", "3");
        assertThat(node.config().logDir()).isEqualTo(dir.toAbsolutePath().resolve("kafka-logs"));
    }

    @Test
    void cassandraShouldPickDistinctFreePortsAndExposeContactPoint() {
        CassandraNode node = CassandraNode.builder(dir).build();

        assertThat(node.contactPoint().getHostString()).isEqualTo("127.0.0.1");
        assertThat(node.contactPoint().getPort())
                .isPositive()
                .isNotEqualTo(node.config().storagePort());
        assertThat(node.localDatacenter()).isEqualTo("datacenter1");
        assertThat(node.isRunning()).isFalse();
    }

    @Test
    void cassandraShouldCarryAuthenticationAndConcurrentWrites() {
        CassandraNode node =
                CassandraNode.builder(dir)
                        .nativePort(29042)
                        .passwordAuthentication(true)
                        .concurrentWrites(2)
                        .build();

        assertThat(node.contactPoint().getPort()).isEqualTo(29042);
        assertThat(node.config().toYaml())
                .contains("authenticator: PasswordAuthenticator")
                .contains("concurrent_writes: 2");
    }

    @Test
    void shouldRejectInvalidSettings() {
        assertThatThrownBy(() -> KafkaNode.builder(dir).brokerPort(70000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CassandraNode.builder(dir).concurrentWrites(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void localStackShouldPlaceBothNodesUnderOneRoot() {
        LocalStack stack = LocalStack.builder(dir).kafka(k -> k.heap("256m")).build();

        assertThat(stack.kafka().dataDir()).isEqualTo(dir.toAbsolutePath().resolve("kafka"));
        assertThat(stack.cassandra().dataDir())
                .isEqualTo(dir.toAbsolutePath().resolve("cassandra"));
        assertThat(stack.bootstrapServers()).isEqualTo(stack.kafka().bootstrapServers());
        assertThat(stack.cassandraContactPoint()).isEqualTo(stack.cassandra().contactPoint());
    }
}
