package io.reelstream.engine;

import io.reelstream.localstack.CassandraRing;
import io.reelstream.localstack.LocalStack;
import io.reelstream.localstack.schema.SchemaMigrator;
import io.reelstream.pipelines.PipelineDefinition;
import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.ingest.IngestOptions;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;

import com.datastax.oss.driver.api.core.CqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

/**
 * The engine on one machine, shared by {@code reelstream run} and the soak benchmark: a real Kafka
 * broker and Cassandra node (child JVMs), topics and schema, a Flink MiniCluster with the
 * dashboard, and the selected pipelines submitted to it through REST.
 */
public final class LocalEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalEngine.class);

    private final LocalStack stack;
    private final LocalFlinkCluster flink;
    private final String keyspace;

    private LocalEngine(LocalStack stack, LocalFlinkCluster flink, String keyspace) {
        this.stack = stack;
        this.flink = flink;
        this.keyspace = keyspace;
    }

    /**
     * Where and how to start; ports 0 mean any free port.
     *
     * @param cassandraNodes Cassandra nodes (a ring on 127.0.0.1, 127.0.0.2, ... with the keyspace
     *     replicated to each, up to 3)
     */
    public record Settings(
            Path dataDir,
            Path flinkConf,
            int kafkaPort,
            int cassandraPort,
            int dashboardPort,
            String keyspace,
            int parallelism,
            int cassandraNodes) {

        /** One Cassandra node. */
        public Settings(
                Path dataDir,
                Path flinkConf,
                int kafkaPort,
                int cassandraPort,
                int dashboardPort,
                String keyspace,
                int parallelism) {
            this(
                    dataDir,
                    flinkConf,
                    kafkaPort,
                    cassandraPort,
                    dashboardPort,
                    keyspace,
                    parallelism,
                    1);
        }
    }

    /** Starts Kafka and Cassandra (in parallel), topics, schema, Flink, then submits pipelines. */
    public static LocalEngine start(Settings settings, List<PipelineDefinition> pipelines)
            throws Exception {
        return start(settings, pipelines, new Configuration());
    }

    /**
     * As {@link #start(Settings, List)}, with {@code jobOptions} (e.g. the local run's training-log
     * path) added to every submitted job's configuration.
     */
    public static LocalEngine start(
            Settings settings, List<PipelineDefinition> pipelines, Configuration jobOptions)
            throws Exception {
        LocalStack stack =
                startServices(
                        settings.dataDir(),
                        settings.kafkaPort(),
                        settings.cassandraPort(),
                        settings.keyspace(),
                        settings.cassandraNodes());
        LocalFlinkCluster flink = null;
        try {
            flink =
                    LocalFlinkCluster.start(
                            settings.flinkConf(), settings.dataDir(), settings.dashboardPort());
            LocalEngine engine = new LocalEngine(stack, flink, settings.keyspace());
            Configuration jobConf = engine.jobConfiguration(settings.parallelism());
            jobConf.addAll(jobOptions);
            for (PipelineDefinition pipeline : pipelines) {
                flink.submit(
                        pipeline.jobName(), jobConf, env -> pipeline.graph().build(jobConf, env));
            }
            return engine;
        } catch (Exception | Error e) {
            if (flink != null) {
                flink.close();
            }
            stack.close();
            throw e;
        }
    }

    /**
     * Starts what the jobs need besides Flink, under {@code dataDir/stack}: Kafka and Cassandra (in
     * parallel), the topics and the schema in {@code keyspace}. Ports 0 mean any free port.
     */
    public static LocalStack startServices(
            Path dataDir, int kafkaPort, int cassandraPort, String keyspace) throws Exception {
        return startServices(dataDir, kafkaPort, cassandraPort, keyspace, 1);
    }

    /**
     * As {@link #startServices(Path, int, int, String)} with {@code cassandraNodes} Cassandra
     * nodes; the keyspace gets one replica per node (up to 3).
     */
    public static LocalStack startServices(
            Path dataDir, int kafkaPort, int cassandraPort, String keyspace, int cassandraNodes)
            throws Exception {
        LocalStack stack =
                LocalStack.builder(dataDir.resolve("stack"))
                        .progress(LOG::info)
                        .kafka(k -> k.brokerPort(kafkaPort))
                        .cassandra(c -> c.nativePort(cassandraPort))
                        .cassandraNodes(cassandraNodes)
                        .build();
        try {
            stack.start();
            List<String> topics = stack.createTopics("");
            LOG.info("Kafka topics ready: {}", topics.size());
            CassandraRing ring = stack.cassandraRing();
            try (CqlSession session = ring.sessionBuilder().build()) {
                int applied =
                        new SchemaMigrator(session)
                                .applyLocal(keyspace, ring.replicationFactor())
                                .size();
                LOG.info(
                        "Cassandra schema ready in keyspace '{}' ({} migration(s) applied now)",
                        keyspace,
                        applied);
            }
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    /** The options that point a job at {@code stack}'s Kafka and Cassandra and {@code keyspace}. */
    public static Configuration servicesConfiguration(LocalStack stack, String keyspace) {
        Configuration conf = new Configuration();
        conf.set(IngestOptions.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        conf.set(CassandraOptions.CONTACT_POINTS, stack.cassandraRing().contactPointsOption());
        conf.set(CassandraOptions.LOCAL_DATACENTER, stack.localDatacenter());
        conf.set(CassandraOptions.KEYSPACE, keyspace);
        return conf;
    }

    /**
     * What every job on this engine is configured with: the cluster's configuration (so job options
     * in its {@code config.yaml}, e.g. {@code reelstream.continue-watching.write-ahead}, apply as
     * they do on a cluster through {@code JobConfiguration.load}), then Kafka and Cassandra
     * addresses, keyspace and parallelism; a base for benchmarks that submit jobs themselves.
     */
    public Configuration jobConfiguration(int parallelism) {
        Configuration conf = flink.configuration();
        conf.addAll(servicesConfiguration(stack, keyspace));
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        return conf;
    }

    public LocalStack stack() {
        return stack;
    }

    public LocalFlinkCluster flink() {
        return flink;
    }

    public String keyspace() {
        return keyspace;
    }

    /** Stops the jobs and the MiniCluster, then Cassandra and Kafka. */
    @Override
    public void close() throws Exception {
        try {
            flink.close();
        } finally {
            stack.close();
        }
    }
}
