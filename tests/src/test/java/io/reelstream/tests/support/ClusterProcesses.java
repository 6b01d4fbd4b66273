package io.reelstream.tests.support;

import io.reelstream.engine.FlinkJobDeployer;
import io.reelstream.engine.FlinkRestProbe;
import io.reelstream.localstack.StandaloneFlinkCluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * A standalone Flink cluster of real processes for one test class (JobManager and two TaskManagers
 * as child JVMs, configured from {@code flink-conf/cluster}), with the shaded job jar uploaded
 * once: tests deploy to it through REST as an operator would.
 */
public final class ClusterProcesses
        implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterProcesses.class);

    private final int taskManagers;
    private final int slotsPerTaskManager;
    private StandaloneFlinkCluster cluster;
    private FlinkJobDeployer deployer;
    private FlinkRestProbe probe;
    private String jarId;
    private Path workDir;

    public ClusterProcesses(int taskManagers, int slotsPerTaskManager) {
        this.taskManagers = taskManagers;
        this.slotsPerTaskManager = slotsPerTaskManager;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // under target/: the processes' logs stay for a failed build to show, mvn clean removes
        // them
        Path clusters = Path.of("target", "standalone-clusters").toAbsolutePath();
        Files.createDirectories(clusters);
        workDir =
                Files.createTempDirectory(
                        clusters, context.getRequiredTestClass().getSimpleName() + "-");
        cluster =
                StandaloneFlinkCluster.builder(
                                workDir, RepositoryRoot.path().resolve("flink-conf/cluster"))
                        .taskManagers(taskManagers)
                        .slotsPerTaskManager(slotsPerTaskManager)
                        // the configuration's 512m metaspace and 256m task off-heap, half of
                        // Flink memory managed (RocksDB), ~200m task heap and more per slot
                        .taskManagerMemory((2600 + 100 * slotsPerTaskManager) + "m")
                        // 900m gave a 324 MB heap that four jobs with 1 s checkpoints, restarts
                        // and two rescales filled to 264 MB (81 %), metaspace 156 of 256 MB
                        .jobManagerMemory("1200m")
                        .build();
        cluster.start();
        deployer = new FlinkJobDeployer(cluster.restUrl());
        probe = new FlinkRestProbe(cluster.restUrl());
        jarId = deployer.upload(jobJar());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
        }
        deleteQuietly(workDir.resolve("rocksdb"));
        deleteQuietly(workDir.resolve("checkpoints"));
        deleteQuietly(workDir.resolve("savepoints"));
    }

    /**
     * A failed test says how each process of the cluster stands (a JobManager that died explains a
     * REST call refused), and logs the JobManager's last output; the build keeps the full logs
     * under {@code target/standalone-clusters}.
     */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        if (cluster == null) {
            throw failure;
        }
        String status = cluster.processStatus();
        LOG.error(
                "{} failed; cluster: {}; JobManager's last output:\n{}",
                context.getDisplayName(),
                status,
                cluster.jobManagerLogTail(80));
        throw new AssertionError("[cluster: " + status + "] " + failure, failure);
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leftovers under target/ are removed by mvn clean
        }
    }

    public StandaloneFlinkCluster cluster() {
        return cluster;
    }

    public FlinkJobDeployer deployer() {
        return deployer;
    }

    /** The id of the job jar uploaded to this cluster. */
    public String jarId() {
        return jarId;
    }

    /** The ids of the TaskManagers that run at least one subtask of {@code jobId}. */
    public Set<String> taskManagersOf(String jobId) throws IOException, InterruptedException {
        Set<String> ids = new HashSet<>();
        for (JsonNode vertex : probe.get("/jobs/" + jobId).path("vertices")) {
            String vertexId = vertex.path("id").asText();
            for (JsonNode tm :
                    probe.get("/jobs/" + jobId + "/vertices/" + vertexId + "/taskmanagers")
                            .path("taskmanagers")) {
                ids.add(tm.path("taskmanager-id").asText());
            }
        }
        return ids;
    }

    /** The parallelism of each vertex of {@code jobId}. */
    public java.util.List<Integer> parallelismOf(String jobId)
            throws IOException, InterruptedException {
        java.util.List<Integer> parallelism = new java.util.ArrayList<>();
        for (JsonNode vertex : probe.get("/jobs/" + jobId).path("vertices")) {
            parallelism.add(vertex.path("parallelism").asInt());
        }
        return parallelism;
    }

    /** How often {@code jobId} restarted ({@code numRestarts}). */
    public long restarts(String jobId) throws IOException, InterruptedException {
        JsonNode metrics = probe.get("/jobs/" + jobId + "/metrics?get=numRestarts");
        for (JsonNode metric : metrics) {
            if ("numRestarts".equals(metric.path("id").asText())) {
                return metric.path("value").asLong();
            }
        }
        return 0;
    }

    /** The shaded job jar the pipelines module built in this build. */
    public static Path jobJar() throws IOException {
        Path target = RepositoryRoot.path().resolve("pipelines/target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "pipelines-*-job.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IllegalStateException(
                "No pipelines-*-job.jar in " + target + ": package pipelines first");
    }
}
