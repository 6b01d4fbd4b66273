package io.reelstream.cli;

import io.reelstream.engine.FlinkJobDeployer;
import io.reelstream.engine.FlinkRestProbe;
import io.reelstream.pipelines.PipelineDefinition;
import io.reelstream.pipelines.Pipelines;
import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.ingest.IngestOptions;

import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend.PriorityQueueStateType;
import org.apache.flink.state.rocksdb.RocksDBOptions;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Options that say which Flink cluster a {@code deploy}, {@code stop} or {@code rescale} talks to
 * and what the deployed jobs are configured with: the REST endpoint given with {@code --to}, else
 * the one {@code ./reelstream cluster up} wrote; Kafka and Cassandra of that local stack (when
 * there is one) plus any {@code --set key=value}.
 */
public final class ClusterTarget {

    @Option(
            names = "--to",
            description =
                    "REST endpoint of any Flink 2.2 cluster, e.g. http://host:8081 (default: the"
                            + " cluster started by ./reelstream cluster up).")
    URI restUrl;

    @Option(
            names = "--cluster-dir",
            description =
                    "Data folder of ./reelstream cluster up (default: ${DEFAULT-VALUE}); its Kafka"
                            + " and Cassandra addresses are passed to the jobs.",
            defaultValue = "${sys:reelstream.root:-.}/.reelstream/cluster")
    Path clusterDir;

    @Option(
            names = "--set",
            description =
                    "A job option, e.g. --set reelstream.cassandra.keyspace=reelstream"
                            + " (repeatable; see docs/configuration.md).")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(
            names = "--jar",
            description =
                    "The shaded job jar (default: pipelines/target/pipelines-*-job.jar under the"
                            + " Reelstream root).")
    Path jar;

    private JsonNode clusterConfig;

    /** The cluster's REST endpoint. */
    URI restUrl() throws IOException {
        if (restUrl != null) {
            return restUrl;
        }
        return URI.create(localStack().dashboardUrl());
    }

    /** {@code --key value} program arguments: the local stack's services, then {@code --set}. */
    List<String> jobArguments() throws IOException {
        Map<String, String> merged = new LinkedHashMap<>();
        if (Files.exists(clusterDir.resolve(StackInfo.FILE_NAME))) {
            StackInfo stack = localStack();
            merged.put(IngestOptions.BOOTSTRAP_SERVERS.key(), stack.kafkaBootstrap());
            merged.put(
                    CassandraOptions.CONTACT_POINTS.key(),
                    stack.cassandraHost() + ":" + stack.cassandraPort());
            merged.put(CassandraOptions.LOCAL_DATACENTER.key(), stack.localDatacenter());
            merged.put(CassandraOptions.KEYSPACE.key(), stack.keyspace());
        }
        merged.putAll(options);
        return FlinkJobDeployer.programArguments(merged);
    }

    /** The job jar to upload. */
    Path jobJar() throws IOException {
        if (jar != null) {
            return jar;
        }
        Path target =
                Path.of(System.getProperty("reelstream.root", ".")).resolve("pipelines/target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "pipelines-*-job.jar")) {
            for (Path candidate : jars) {
                return candidate;
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // reported below
        }
        throw new IOException(
                "No job jar in "
                        + target
                        + ": build it with mvn -pl pipelines -am package, or pass --jar");
    }

    /**
     * The timer store the jobs deployed here use: a {@code --set} of it, else the cluster's ({@code
     * GET /jobmanager/config}).
     */
    PriorityQueueStateType timerStore() throws IOException, InterruptedException {
        if (options.containsKey(RocksDBOptions.TIMER_SERVICE_FACTORY.key())) {
            return timerStore(null, options);
        }
        return timerStore(clusterConfig(), options);
    }

    /**
     * The timer store set in {@code options}, else in {@code clusterConfig} (the {@code [{key,
     * value}]} list of {@code GET /jobmanager/config}), else Flink's default.
     */
    static PriorityQueueStateType timerStore(JsonNode clusterConfig, Map<String, String> options) {
        String value =
                jobSettings(clusterConfig, options).get(RocksDBOptions.TIMER_SERVICE_FACTORY.key());
        return value == null
                ? RocksDBOptions.TIMER_SERVICE_FACTORY.defaultValue()
                : PriorityQueueStateType.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * The Flink settings the jobs deployed here run with: the cluster's ({@code GET
     * /jobmanager/config}) with any {@code --set} over them.
     */
    Map<String, String> jobSettings() throws IOException, InterruptedException {
        return jobSettings(clusterConfig(), options);
    }

    /**
     * The cluster's {@code GET /jobmanager/config}, fetched once: a deploy reads it for the timer
     * store of a savepoint and for {@link #jobSettings()}.
     */
    private JsonNode clusterConfig() throws IOException, InterruptedException {
        if (clusterConfig == null) {
            clusterConfig = new FlinkRestProbe(restUrl()).get("/jobmanager/config");
        }
        return clusterConfig;
    }

    /**
     * {@code clusterConfig} (the {@code [{key, value}]} list of {@code GET /jobmanager/config}, or
     * null) as a map, with {@code options} over it.
     */
    static Map<String, String> jobSettings(JsonNode clusterConfig, Map<String, String> options) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (clusterConfig != null) {
            for (JsonNode entry : clusterConfig) {
                settings.put(entry.path("key").asText(), entry.path("value").asText());
            }
        }
        settings.putAll(options);
        return settings;
    }

    /** How long a deployed job may take until every task runs. */
    private static final Duration RUNNING_TIMEOUT = Duration.ofMinutes(3);

    /**
     * Runs {@code pipeline} from the uploaded jar {@code jarId} with this target's options,
     * restoring {@code savepoint} if given, and returns its id once every task runs (so that a
     * {@code stop} or {@code rescale} right after it can take a savepoint).
     */
    String deploy(
            FlinkJobDeployer deployer,
            String jarId,
            PipelineDefinition pipeline,
            int parallelism,
            Optional<String> savepoint)
            throws IOException, InterruptedException {
        String jobId =
                deployer.run(
                        jarId,
                        new FlinkJobDeployer.Run(
                                pipeline.entryClass().getName(),
                                jobArguments(),
                                parallelism,
                                savepoint));
        deployer.awaitRunning(jobId, RUNNING_TIMEOUT);
        return jobId;
    }

    /** The id of the running job called {@code name} on the cluster; fails if there is none. */
    static String runningJob(FlinkJobDeployer deployer, PipelineDefinition pipeline)
            throws IOException, InterruptedException {
        return deployer.runningJob(pipeline.jobName())
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "No running job '" + pipeline.jobName() + "'"));
    }

    /** The job called {@code name} on the command line. */
    static PipelineDefinition pipeline(String name) {
        return Pipelines.named(name)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "No job named "
                                                + name
                                                + "; jobs: "
                                                + Pipelines.all().stream()
                                                        .map(PipelineDefinition::name)
                                                        .toList()));
    }

    private StackInfo localStack() throws IOException {
        return StackInfo.read(clusterDir);
    }
}
