package io.reelstream.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuntimeClasspathTest {

    @TempDir Path dir;

    @Test
    void kafkaClasspathShouldHoldTheBrokerAndOneLog4jBinding() {
        List<String> jars = RuntimeClasspath.kafka().jarNames();

        assertThat(jars).contains("kafka_2.13-4.2.0.jar", "kafka-clients-4.2.0.jar");
        assertThat(jars)
                .filteredOn(j -> j.startsWith("slf4j-api-"))
                .containsExactly("slf4j-api-1.7.36.jar");
        assertThat(jars)
                .filteredOn(RuntimeClasspathTest::isSlf4jBinding)
                .containsExactly("log4j-slf4j-impl-2.24.3.jar");
        assertThat(jars).anyMatch(j -> j.startsWith("log4j-core-"));
        assertThat(jars).noneMatch(j -> j.contains("junit") || j.contains("assertj"));
    }

    @Test
    void cassandraClasspathShouldHoldTheNodeAndLogback() {
        List<String> jars = RuntimeClasspath.cassandra().jarNames();

        assertThat(jars).contains("cassandra-all-5.0.6.jar");
        assertThat(jars).filteredOn(j -> j.startsWith("slf4j-api-")).hasSize(1);
        assertThat(jars)
                .filteredOn(RuntimeClasspathTest::isSlf4jBinding)
                .singleElement()
                .asString()
                .startsWith("logback-classic-");
        assertThat(jars).noneMatch(j -> j.contains("junit") || j.contains("assertj"));
    }

    @Test
    void shouldJoinEntriesForJavaCp() throws Exception {
        Path a = Files.createFile(dir.resolve("a.jar"));
        Path b = Files.createFile(dir.resolve("b.jar"));

        RuntimeClasspath cp = RuntimeClasspath.parse(a + File.pathSeparator + b + "\n");

        assertThat(cp.entries()).containsExactly(a, b);
        assertThat(cp.asArgument()).isEqualTo(a + File.pathSeparator + b);
    }

    @Test
    void shouldFailOnMissingJarsAndEmptyText() {
        assertThatThrownBy(() -> RuntimeClasspath.parse(dir.resolve("gone.jar").toString()))
                .hasMessageContaining("gone.jar");
        assertThatThrownBy(() -> RuntimeClasspath.parse("  ")).hasMessageContaining("Empty");
        assertThatThrownBy(() -> RuntimeClasspath.fromResource("reelstream/runtime/none.classpath"))
                .hasMessageContaining("not found");
    }

    private static boolean isSlf4jBinding(String jar) {
        return jar.startsWith("log4j-slf4j")
                || jar.startsWith("logback-classic")
                || jar.startsWith("slf4j-simple")
                || jar.startsWith("slf4j-log4j12")
                || jar.startsWith("slf4j-reload4j")
                || jar.startsWith("slf4j-jdk14")
                || jar.startsWith("slf4j-nop");
    }
}
