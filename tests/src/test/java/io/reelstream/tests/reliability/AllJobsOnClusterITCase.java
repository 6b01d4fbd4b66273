package io.reelstream.tests.reliability;

import io.reelstream.engine.FlinkJobDeployer;
import io.reelstream.generator.GeneratedRecord;
import io.reelstream.generator.GeneratorConfig;
import io.reelstream.generator.KafkaTrafficWriter;
import io.reelstream.generator.Topics;
import io.reelstream.generator.TrafficGenerator;
import io.reelstream.localstack.schema.SchemaMigrator;
import io.reelstream.pipelines.PipelineDefinition;
import io.reelstream.pipelines.Pipelines;
import io.reelstream.pipelines.continuewatching.ContinueWatchingOptions;
import io.reelstream.pipelines.features.SessionFeaturesOptions;
import io.reelstream.pipelines.qoe.QoeOptions;
import io.reelstream.pipelines.recs.RecsOptions;
import io.reelstream.tests.support.ClusterProcesses;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.ingest.IngestOptions;

import org.apache.flink.configuration.ConfigOption;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #18 with every job: the four jobs deployed from the shaded jar to a standalone cluster of
 * real processes at parallelism 2, each job's subtasks on both TaskManagers, each writing its
 * Cassandra tables; then every job rescaled 2 → 3 → 1 through stop-with-savepoint and redeploy,
 * which restores each kind of state the jobs hold (keyed: features, continue watching, QoE
 * sessions, MF factors; broadcast: catalog, item replica; union: open-alert counts). After the
 * rescales the jobs keep writing rows for members and playbacks first seen after them.
 */
class AllJobsOnClusterITCase {

    private static final Logger LOG = LoggerFactory.getLogger(AllJobsOnClusterITCase.class);

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    /** 10 slots: four jobs at parallelism 2, plus one being rescaled to 3. */
    @RegisterExtension static final ClusterProcesses CLUSTER = new ClusterProcesses(2, 5);

    private static final int EVENTS = 6000;
    private static final Duration RUNNING = Duration.ofSeconds(120);
    private static final Duration ROWS = Duration.ofSeconds(120);
    private static final Duration SAVEPOINT = Duration.ofMinutes(2);

    /** A table each job writes per member or playback, so new traffic adds rows. */
    private static final Map<String, String> TABLE_OF_JOB =
            Map.of(
                    "session-features", "user_features",
                    "continue-watching", "continue_watching",
                    "qoe", "playback_qoe",
                    "recommendations", "user_factors");

    @Test
    void everyJobRunsOnBothTaskManagersAndKeepsItsStateThroughRescalingTwoThreeOne()
            throws Exception {
        String prefix = SERVICES.uniqueTopicPrefix();
        SERVICES.createTopics(prefix);
        String keyspace = SERVICES.uniqueKeyspace();
        try (CqlSession session = SERVICES.newSession()) {
            new SchemaMigrator(session).applyLocal(keyspace);
        }
        Topics topics = new Topics(prefix);
        TrafficGenerator generator =
                new TrafficGenerator(
                        GeneratorConfig.builder().seed(23).users(3000).titles(300).build());
        List<GeneratedRecord> records =
                generator.stream().limit(generator.catalogRecordCount() + EVENTS).toList();
        int catalog = generator.catalogRecordCount();
        int half = catalog + (records.size() - catalog) / 2;

        Map<String, String> jobs = new LinkedHashMap<>();
        for (PipelineDefinition pipeline : Pipelines.all()) {
            jobs.put(
                    pipeline.name(),
                    deploy(pipeline, arguments(pipeline, prefix, keyspace), 2, Optional.empty()));
        }
        for (Map.Entry<String, String> job : jobs.entrySet()) {
            assertThat(CLUSTER.taskManagersOf(job.getValue()))
                    .as("%s at parallelism 2 on both TaskManagers", job.getKey())
                    .hasSize(2);
        }
        SERVICES.sendRecords(KafkaTrafficWriter.producerRecords(topics, records.subList(0, half)));
        Map<String, Long> before = awaitRows(keyspace, Map.of());

        for (PipelineDefinition pipeline : Pipelines.all()) {
            List<String> arguments = arguments(pipeline, prefix, keyspace);
            String job = jobs.get(pipeline.name());
            for (int parallelism : new int[] {3, 1}) {
                String savepoint = CLUSTER.deployer().stopWithSavepoint(job, null, SAVEPOINT);
                job = deploy(pipeline, arguments, parallelism, Optional.of(savepoint));
                assertThat(CLUSTER.parallelismOf(job))
                        .as("%s restored at parallelism %d", pipeline.name(), parallelism)
                        .contains(parallelism);
            }
            jobs.put(pipeline.name(), job);
        }

        SERVICES.sendRecords(
                KafkaTrafficWriter.producerRecords(topics, records.subList(half, records.size())));
        try {
            Map<String, Long> after = awaitRows(keyspace, before);
            LOG.info("rows per table before the rescales {}, after {}", before, after);
        } finally {
            for (String job : jobs.values()) {
                CLUSTER.deployer().cancel(job);
            }
        }
    }

    /**
     * Waits until every job's table holds more rows than in {@code before} (all of them at least
     * one); returns the counts.
     */
    private static Map<String, Long> awaitRows(String keyspace, Map<String, Long> before)
            throws Exception {
        long deadline = System.nanoTime() + ROWS.toNanos();
        Map<String, Long> counts = new LinkedHashMap<>();
        try (CqlSession session = SERVICES.newSession(keyspace)) {
            while (true) {
                counts.clear();
                boolean grown = true;
                for (Map.Entry<String, String> job : TABLE_OF_JOB.entrySet()) {
                    long rows =
                            session.execute("SELECT count(*) FROM " + job.getValue())
                                    .one()
                                    .getLong(0);
                    counts.put(job.getValue(), rows);
                    grown &= rows > before.getOrDefault(job.getValue(), 0L);
                }
                if (grown) {
                    return counts;
                }
                assertThat(System.nanoTime())
                        .as(
                                "every job's table grew past %s within %s; now %s",
                                before, ROWS, counts)
                        .isLessThan(deadline);
                Thread.sleep(2000);
            }
        }
    }

    private static String deploy(
            PipelineDefinition pipeline,
            List<String> arguments,
            int parallelism,
            Optional<String> savepoint)
            throws Exception {
        String job =
                CLUSTER.deployer()
                        .run(
                                CLUSTER.jarId(),
                                new FlinkJobDeployer.Run(
                                        pipeline.entryClass().getName(),
                                        arguments,
                                        parallelism,
                                        savepoint));
        CLUSTER.deployer().awaitRunning(job, RUNNING);
        LOG.info(
                "{} running as {} at parallelism {} from {}",
                pipeline.name(),
                job,
                parallelism,
                savepoint);
        return job;
    }

    /**
     * The job's options on the shared services: its own consumer group, this test's keyspace, every
     * topic option with the test's prefix, checkpoints every second.
     */
    private static List<String> arguments(
            PipelineDefinition pipeline, String prefix, String keyspace)
            throws IllegalAccessException {
        var contact = SERVICES.cassandra().contactPoint();
        Map<String, String> options = new LinkedHashMap<>();
        options.put(IngestOptions.BOOTSTRAP_SERVERS.key(), SERVICES.bootstrapServers());
        options.put(IngestOptions.GROUP_ID.key(), prefix + pipeline.name());
        options.put(IngestOptions.STARTING_OFFSETS.key(), "EARLIEST");
        options.put(
                CassandraOptions.CONTACT_POINTS.key(),
                contact.getHostString() + ":" + contact.getPort());
        options.put(
                CassandraOptions.LOCAL_DATACENTER.key(), SERVICES.cassandra().localDatacenter());
        options.put(CassandraOptions.KEYSPACE.key(), keyspace);
        options.put("execution.checkpointing.interval", "1 s");
        for (Class<?> optionsClass :
                List.of(
                        SessionFeaturesOptions.class,
                        ContinueWatchingOptions.class,
                        QoeOptions.class,
                        RecsOptions.class)) {
            for (Field field : optionsClass.getFields()) {
                if (Modifier.isStatic(field.getModifiers())
                        && field.get(null) instanceof ConfigOption<?> option
                        && option.key().endsWith("-topic")
                        && option.defaultValue() instanceof String topic) {
                    options.put(option.key(), prefix + topic);
                }
            }
        }
        return FlinkJobDeployer.programArguments(options);
    }
}
