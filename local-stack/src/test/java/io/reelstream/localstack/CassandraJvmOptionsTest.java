package io.reelstream.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CassandraJvmOptionsTest {

    private final Path data = Path.of("/data/cassandra");
    private final List<String> options =
            CassandraJvmOptions.forNode(
                    "1g", data.resolve("cassandra.yaml"), data.resolve("logback.xml"), data);

    @Test
    void shouldCarryTheJava17ModuleFlagsAsPairs() {
        assertThat(options)
                .containsSequence("--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED")
                .containsSequence("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED")
                .containsSequence("--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).startsWith("--add-")) {
                assertThat(options.get(i + 1)).endsWith("=ALL-UNNAMED");
            }
        }
    }

    @Test
    void shouldStartFastAndFindConfigAndLogs() {
        assertThat(options)
                .contains(
                        "-Xms1g",
                        "-Xmx1g",
                        "-Djdk.attach.allowAttachSelf=true",
                        "-Dio.netty.tryReflectionSetAccessible=true",
                        "-Dcassandra.ring_delay_ms=1000",
                        "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                        "-Dcassandra-foreground=yes",
                        "-Dcassandra.config=" + data.resolve("cassandra.yaml").toUri(),
                        "-Dcassandra.logdir=" + data.resolve("logs"),
                        "-Dlogback.configurationFile=" + data.resolve("logback.xml").toUri());
    }
}
