package io.reelstream.localstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code config.yaml} of a standalone cluster on this machine: the reviewed cluster
 * configuration ({@code flink-conf/cluster/config.yaml}) with only what cannot hold on one machine
 * replaced: addresses and ports (loopback, free ports), local folders for RocksDB, checkpoints,
 * savepoints, uploads and temporary files, no Kubernetes high availability, and process sizes that
 * fit beside Kafka and Cassandra. Every other key (state backend, checkpointing, restarts, max
 * parallelism, reporters) is the production value.
 */
final class FlinkClusterConfig {

    /** Keys that name things which only exist in the production environment. */
    private static final List<String> DROPPED = List.of("high-availability.storageDir");

    private final Map<String, Object> values;

    private FlinkClusterConfig(Map<String, Object> values) {
        this.values = values;
    }

    /** Reads a flat {@code config.yaml} (one {@code key: value} per line, as Flink writes it). */
    static FlinkClusterConfig read(Path configYaml) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> values =
                    new ObjectMapper(new YAMLFactory())
                            .readValue(configYaml.toFile(), LinkedHashMap.class);
            return new FlinkClusterConfig(values == null ? new LinkedHashMap<>() : values);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + configYaml, e);
        }
    }

    /**
     * This configuration adapted to one machine under {@code workDir}.
     *
     * @param slots task slots per TaskManager; 0 keeps the configured number
     */
    FlinkClusterConfig local(
            Path workDir,
            int restPort,
            int rpcPort,
            int blobPort,
            String jobManagerMemory,
            String taskManagerMemory,
            int slots) {
        Map<String, Object> local = new LinkedHashMap<>(values);
        DROPPED.forEach(local::remove);
        local.put("high-availability.type", "NONE");
        local.put("jobmanager.rpc.address", "127.0.0.1");
        local.put("jobmanager.bind-host", "127.0.0.1");
        local.put("jobmanager.rpc.port", rpcPort);
        local.put("taskmanager.host", "127.0.0.1");
        local.put("taskmanager.bind-host", "127.0.0.1");
        local.put("taskmanager.rpc.port", "0");
        local.put("rest.address", "127.0.0.1");
        local.put("rest.bind-address", "127.0.0.1");
        local.put("rest.port", restPort);
        local.put("blob.server.port", Integer.toString(blobPort));
        local.put("state.backend.rocksdb.localdir", workDir.resolve("rocksdb").toString());
        local.put("execution.checkpointing.dir", workDir.resolve("checkpoints").toUri().toString());
        local.put(
                "execution.checkpointing.savepoint-dir",
                workDir.resolve("savepoints").toUri().toString());
        local.put("io.tmp.dirs", workDir.resolve("tmp").toString());
        local.put("web.upload.dir", workDir.resolve("uploads").toString());
        local.put("web.tmpdir", workDir.resolve("web").toString());
        local.put("jobmanager.memory.process.size", jobManagerMemory);
        local.put("taskmanager.memory.process.size", taskManagerMemory);
        if (slots > 0) {
            local.put("taskmanager.numberOfTaskSlots", slots);
        }
        return new FlinkClusterConfig(local);
    }

    /** The configured value of {@code key}, as text; {@code null} if absent. */
    String get(String key) {
        Object value = values.get(key);
        return value == null ? null : value.toString();
    }

    void writeTo(Path configYaml) {
        try {
            Files.createDirectories(configYaml.toAbsolutePath().getParent());
            new ObjectMapper(
                            new YAMLFactory()
                                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
                    .writeValue(configYaml.toFile(), values);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + configYaml, e);
        }
    }
}
