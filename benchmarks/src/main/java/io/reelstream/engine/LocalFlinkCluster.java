package io.reelstream.engine;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Flink MiniCluster with the web dashboard, RocksDB and local checkpoints, configured from {@code
 * flink-conf/local/config.yaml}: the "cluster" of {@code ./reelstream run}. Jobs are submitted
 * through its REST endpoint exactly as to a real cluster.
 */
public final class LocalFlinkCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFlinkCluster.class);

    private final MiniCluster miniCluster;
    private final Configuration configuration;
    private final URI restAddress;
    private final List<JobClient> jobs = new ArrayList<>();

    private LocalFlinkCluster(MiniCluster miniCluster, Configuration configuration, URI rest) {
        this.miniCluster = miniCluster;
        this.configuration = configuration;
        this.restAddress = rest;
    }

    /**
     * {@code confDir/config.yaml} with every directory (checkpoints, savepoints, RocksDB, tmp)
     * under {@code dataDir/flink}, created, and the dashboard on {@code restPort} (0 = any free
     * port). Refuses a configuration that would lose timers ({@link ChangelogTimerGuard}).
     */
    public static Configuration configuration(Path confDir, Path dataDir, int restPort)
            throws IOException {
        Configuration conf = GlobalConfiguration.loadConfiguration(confDir.toString());
        ChangelogTimerGuard.refusal(conf.toMap())
                .ifPresent(
                        reason -> {
                            throw new IllegalArgumentException(reason + " (" + confDir + ")");
                        });
        Path flinkDir = dataDir.resolve("flink").toAbsolutePath();
        for (String sub : List.of("checkpoints", "savepoints", "rocksdb", "tmp")) {
            Files.createDirectories(flinkDir.resolve(sub));
        }
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                flinkDir.resolve("checkpoints").toUri().toString());
        conf.set(
                CheckpointingOptions.SAVEPOINT_DIRECTORY,
                flinkDir.resolve("savepoints").toUri().toString());
        conf.set(RocksDBOptions.LOCAL_DIRECTORIES, flinkDir.resolve("rocksdb").toString());
        conf.set(CoreOptions.TMP_DIRS, flinkDir.resolve("tmp").toString());
        conf.set(RestOptions.PORT, restPort);
        return conf;
    }

    /**
     * Loads {@code confDir/config.yaml}, points every directory at {@code dataDir} and starts the
     * cluster with its dashboard on {@code restPort} (0 = any free port).
     */
    public static LocalFlinkCluster start(Path confDir, Path dataDir, int restPort)
            throws Exception {
        Configuration conf = configuration(confDir, dataDir, restPort);

        MiniClusterConfiguration clusterConf =
                new MiniClusterConfiguration.Builder()
                        .setConfiguration(conf)
                        .setNumTaskManagers(1)
                        .setNumSlotsPerTaskManager(conf.get(TaskManagerOptions.NUM_TASK_SLOTS))
                        .build();
        MiniCluster cluster = new MiniCluster(clusterConf);
        cluster.start();
        URI rest = cluster.getRestAddress().get(60, TimeUnit.SECONDS);
        LOG.info("Flink MiniCluster started, dashboard on {}", rest);
        return new LocalFlinkCluster(cluster, conf, rest);
    }

    /** The dashboard / REST address, e.g. {@code http://localhost:8081}. */
    public URI dashboardUrl() {
        return restAddress;
    }

    /** The cluster configuration (with the directories resolved), a base for job configuration. */
    public Configuration configuration() {
        return new Configuration(configuration);
    }

    /**
     * Builds a job with {@code graph} on an environment bound to this cluster and submits it
     * without waiting for it to finish.
     */
    public JobClient submit(
            String jobName, Configuration jobConf, Consumer<StreamExecutionEnvironment> graph)
            throws Exception {
        Configuration conf = configuration();
        conf.addAll(jobConf);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createRemoteEnvironment(
                        restAddress.getHost(), restAddress.getPort(), conf);
        graph.accept(env);
        JobClient client = env.executeAsync(jobName);
        jobs.add(client);
        LOG.info("Submitted job '{}' as {}", jobName, client.getJobID());
        return client;
    }

    /** Status of every job on the cluster. */
    public Collection<JobStatusMessage> listJobs() throws Exception {
        return miniCluster.listJobs().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        for (JobClient job : jobs) {
            try {
                job.cancel().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("Job {} did not cancel cleanly", job.getJobID(), e);
            }
        }
        miniCluster.closeAsync().get(60, TimeUnit.SECONDS);
    }
}
