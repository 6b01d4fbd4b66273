package io.reelstream.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FlinkClusterConfigTest {

    @TempDir Path dir;

    @Test
    void replacesOnlyAddressesPortsFoldersHighAvailabilityAndSizes() throws Exception {
        Path yaml = dir.resolve("config.yaml");
        Files.writeString(
                yaml,
                String.join(
                        "\n",
                        "state.backend.type: rocksdb",
                        "execution.checkpointing.interval: 30 s",
                        "execution.checkpointing.dir: s3://bucket/checkpoints",
                        "high-availability.type: kubernetes",
                        "high-availability.storageDir: s3://bucket/ha",
                        "taskmanager.memory.process.size: 8g",
                        "taskmanager.numberOfTaskSlots: 4",
                        "env.java.opts.all: --add-opens=java.base/java.util=ALL-UNNAMED",
                        "rest.port: 8081",
                        ""));
        Path work = dir.resolve("cluster");

        FlinkClusterConfig local =
                FlinkClusterConfig.read(yaml).local(work, 40001, 40002, 40003, "1g", "1600m", 0);
        Path written = dir.resolve("out/config.yaml");
        local.writeTo(written);
        FlinkClusterConfig reread = FlinkClusterConfig.read(written);

        assertThat(reread.get("state.backend.type")).isEqualTo("rocksdb");
        assertThat(reread.get("execution.checkpointing.interval")).isEqualTo("30 s");
        assertThat(reread.get("env.java.opts.all"))
                .isEqualTo("--add-opens=java.base/java.util=ALL-UNNAMED");
        assertThat(reread.get("taskmanager.numberOfTaskSlots")).isEqualTo("4");
        assertThat(reread.get("rest.port")).isEqualTo("40001");
        assertThat(reread.get("jobmanager.rpc.port")).isEqualTo("40002");
        assertThat(reread.get("blob.server.port")).isEqualTo("40003");
        assertThat(reread.get("rest.address")).isEqualTo("127.0.0.1");
        assertThat(reread.get("high-availability.type")).isEqualTo("NONE");
        assertThat(reread.get("high-availability.storageDir")).isNull();
        assertThat(reread.get("execution.checkpointing.dir"))
                .isEqualTo(work.resolve("checkpoints").toUri().toString());
        assertThat(reread.get("taskmanager.memory.process.size")).isEqualTo("1600m");
        assertThat(reread.get("jobmanager.memory.process.size")).isEqualTo("1g");
    }

    @Test
    void setsTheSlotsOnlyWhenAsked() {
        Path yaml = dir.resolve("config.yaml");
        FlinkClusterConfig config =
                FlinkClusterConfig.read(writeSlots(yaml)).local(dir, 1, 2, 3, "1g", "1g", 5);
        assertThat(config.get("taskmanager.numberOfTaskSlots")).isEqualTo("5");
    }

    private static Path writeSlots(Path yaml) {
        try {
            Files.writeString(yaml, "taskmanager.numberOfTaskSlots: 4\n");
            return yaml;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
