package io.reelstream.tests.evolution;

import io.reelstream.localstack.schema.SchemaMigrator;
import io.reelstream.pipelines.continuewatching.ContinueWatchingJob;
import io.reelstream.pipelines.continuewatching.ContinueWatchingJobSettings;
import io.reelstream.pipelines.continuewatching.ContinueWatchingOptions;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.tests.support.ShippedStateBackend;
import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.cassandra.CassandraSettings;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.ingest.RawRecordSchema;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

import com.datastax.oss.driver.api.core.CqlSession;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The continue-watching savepoint fixtures ({@code savepoints/continue-watching-v<N>}) and the
 * wiring all their runs share: the writer that takes them ({@link
 * ContinueWatchingSavepointWriterITCase}, run with the code of the state schema a fixture stands
 * for) and the test that restores each into the current code ({@link
 * ContinueWatchingStateEvolutionITCase}). Both run the real job on real Kafka and Cassandra; a
 * savepoint's Kafka splits name its topics, so they are fixed names per version, not unique
 * prefixes.
 *
 * <ul>
 *   <li>v1: the first release: the three keyed states row, write clock and pending events, with
 *       {@code RowWriteClock} v1 and {@code TitleProgress} without completions.
 *   <li>v2: the same three keyed states ({@code continue-watching-row}, {@code
 *       continue-watching-write-clock}, {@code continue-watching-pending}) with {@code
 *       RowWriteClock} v2 and {@code TitleProgress.completions}; written with the code of commit
 *       c4ba8c6.
 *   <li>v3: one {@code continue-watching-state} value per member (explicit serializer); v1 and v2
 *       are migrated to it per key on first access after a restore.
 * </ul>
 */
final class ContinueWatchingSavepoints {

    /**
     * The state schema version of the code the writer runs with: it stores its fixture under {@link
     * #resource} of this version (state v3 = one {@code continue-watching-state} value per member,
     * issue 15; its fixture is written with the release after v3, when v3 becomes the previous
     * release).
     */
    static final int CURRENT_STATE_VERSION = 3;

    /** Where its fixtures and their topics are, by version. */
    static final SavepointFixtureLayout LAYOUT =
            new SavepointFixtureLayout("continue-watching", "cw");

    static String playbackTopic(int version) {
        return LAYOUT.topicPrefix(version) + ContinueWatchingOptions.PLAYBACK_TOPIC.defaultValue();
    }

    static String catalogTopic(int version) {
        return LAYOUT.topicPrefix(version) + ContinueWatchingOptions.CATALOG_TOPIC.defaultValue();
    }

    static String deadLetterTopic(int version) {
        return LAYOUT.topicPrefix(version)
                + ContinueWatchingOptions.DEAD_LETTER_TOPIC.defaultValue();
    }

    static final int PLAYBACK_PARTITIONS = 2;
    static final String GROUP_ID = "continue-watching-evolution";

    /**
     * State TTL is processing time: the savepoint is taken with a ten-year maximum age so that its
     * state has not expired when a test restores it years later. Event time never gets near it.
     */
    static final Duration MAX_AGE = Duration.ofDays(3650);

    private ContinueWatchingSavepoints() {}

    /**
     * Creates the fixed topics of the fixture of {@code version} (the savepoint's source splits
     * point at their partitions) unless they exist. Retention is unlimited: the records carry their
     * 2026 event times as Kafka timestamps, which time-based retention would otherwise delete
     * within minutes.
     */
    static void createTopics(SharedServices services, int version) throws Exception {
        createKeptForever(
                services,
                Map.of(
                        playbackTopic(version),
                        PLAYBACK_PARTITIONS,
                        catalogTopic(version),
                        1,
                        deadLetterTopic(version),
                        1));
    }

    /**
     * Creates the topics of a savepoint fixture (name → partitions) that do not exist yet, with
     * unlimited retention (the fixtures' records carry old event times as Kafka timestamps).
     */
    static void createKeptForever(SharedServices services, Map<String, Integer> partitions)
            throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> topics = new ArrayList<>();
            for (Map.Entry<String, Integer> topic : partitions.entrySet()) {
                if (!existing.contains(topic.getKey())) {
                    topics.add(
                            new NewTopic(topic.getKey(), topic.getValue(), (short) 1)
                                    .configs(Map.of("retention.ms", "-1")));
                }
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** A keyspace with every migration applied, for the job's Cassandra sink. */
    static String migratedKeyspace(SharedServices services) {
        String keyspace = services.uniqueKeyspace();
        try (CqlSession session = services.newSession()) {
            new SchemaMigrator(session).applyLocal(keyspace);
        }
        return keyspace;
    }

    /**
     * The job options of the runs of the fixture of {@code version} (only topics, group and the
     * maximum age differ from prod).
     */
    static ContinueWatchingJobSettings options(SharedServices services, int version) {
        return ContinueWatchingOptions.from(configuration(services, version));
    }

    /** {@link #options} as the configuration they are read from. */
    static Configuration configuration(SharedServices services, int version) {
        Configuration conf = new Configuration();
        conf.set(IngestOptions.BOOTSTRAP_SERVERS, services.bootstrapServers());
        conf.set(IngestOptions.GROUP_ID, GROUP_ID);
        // Events wait until the catalog (read at the same time) is surely in broadcast state.
        conf.set(IngestOptions.OUT_OF_ORDERNESS, Duration.ofMinutes(10));
        conf.set(ContinueWatchingOptions.PLAYBACK_TOPIC, playbackTopic(version));
        conf.set(ContinueWatchingOptions.CATALOG_TOPIC, catalogTopic(version));
        conf.set(ContinueWatchingOptions.DEAD_LETTER_TOPIC, deadLetterTopic(version));
        conf.set(ContinueWatchingOptions.MAX_AGE, MAX_AGE);
        return conf;
    }

    /** The real job with unbounded Kafka sources (like production) and the Cassandra row sink. */
    static ContinueWatchingJob job(
            SharedServices services, ContinueWatchingJobSettings options, String keyspace) {
        return new ContinueWatchingJob(
                options,
                new ContinueWatchingJob.Sources(
                        source(services, options.playbackTopic()),
                        source(services, options.catalogTopic())),
                ContinueWatchingJob.Sinks.production(options, cassandra(services, keyspace)));
    }

    static CassandraSettings cassandra(SharedServices services, String keyspace) {
        var contact = services.cassandra().contactPoint();
        return CassandraSettings.of(contact.getHostString() + ":" + contact.getPort(), keyspace)
                .with(CassandraOptions.LOCAL_DATACENTER, services.cassandra().localDatacenter());
    }

    /** An unbounded source that commits offsets on checkpoints (how the runs know it caught up). */
    static KafkaSource<RawRecord> source(SharedServices services, String topic) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(services.bootstrapServers())
                .setTopics(topic)
                .setGroupId(GROUP_ID)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RawRecordSchema())
                .build();
    }

    /**
     * A MiniCluster environment as on a cluster: RocksDB, checkpoints every second (offsets are
     * committed on checkpoints), parallelism 2, no Kryo, no restart (a failure fails the test).
     */
    static Configuration environment(Path checkpoints) {
        Configuration conf = new Configuration();
        ShippedStateBackend.applyTo(conf);
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        return conf;
    }

    /**
     * Waits until the job committed, on a completed checkpoint, the end offset of every partition
     * of {@code topics}: every record was read and every operator has processed it.
     */
    /**
     * Stops the job with a canonical savepoint in {@code folder}, without draining, so pending
     * events and timers stay in state; returns the savepoint's path.
     */
    static String stopKeepingState(JobClient job, Path folder) throws Exception {
        String savepoint =
                job.stopWithSavepoint(
                                false, folder.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get(3, TimeUnit.MINUTES);
        job.getJobExecutionResult().get(1, TimeUnit.MINUTES);
        return savepoint;
    }

    /**
     * A writable copy of a committed savepoint (a test resource folder holding {@code
     * savepoint/_metadata}) in {@code work}: a restore must never touch the committed files.
     */
    static Path copyOfCommitted(String resource, Path work) throws Exception {
        URL url =
                ContinueWatchingSavepoints.class
                        .getClassLoader()
                        .getResource(resource + "/savepoint/_metadata");
        if (url == null) {
            throw new IllegalStateException("no committed savepoint under " + resource);
        }
        Path committed = Path.of(url.toURI()).getParent();
        Path copy = Files.createTempDirectory(work, "committed-savepoint-");
        try (Stream<Path> files = Files.walk(committed)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path to = copy.resolve(committed.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
            }
        }
        return copy;
    }

    static void awaitCaughtUp(
            SharedServices services, JobClient job, List<String> topics, Duration timeout)
            throws Exception {
        awaitCaughtUp(services, job, topics, GROUP_ID, timeout);
    }

    /** Waits until consumer group {@code groupId} has committed the end of every topic. */
    static void awaitCaughtUp(
            SharedServices services,
            JobClient job,
            List<String> topics,
            String groupId,
            Duration timeout)
            throws Exception {
        awaitCaughtUp(
                services,
                () -> job.getJobStatus().get().isTerminalState(),
                job.getJobID().toString(),
                topics,
                groupId,
                timeout);
    }

    /** Whether a job has ended (however it is observed: a client, or a cluster's REST API). */
    interface Ended {
        boolean ended() throws Exception;
    }

    /** Waits until consumer group {@code groupId} has committed the end of every topic. */
    static void awaitCaughtUp(
            SharedServices services,
            Ended job,
            String jobName,
            List<String> topics,
            String groupId,
            Duration timeout)
            throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var description :
                    admin.describeTopics(topics)
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .values()) {
                for (var partition : description.partitions()) {
                    latest.put(
                            new TopicPartition(description.name(), partition.partition()),
                            OffsetSpec.latest());
                }
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest)
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
            while (true) {
                if (job.ended()) {
                    throw new AssertionError("job ended before it caught up: " + jobName);
                }
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(groupId)
                                .partitionsToOffsetAndMetadata()
                                .get(30, TimeUnit.SECONDS);
                if (ends.entrySet().stream().allMatch(end -> reached(committed, end))) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "not caught up after " + timeout + ": " + committed + " vs " + ends);
                }
                Thread.sleep(250);
            }
        }
    }

    private static boolean reached(
            Map<TopicPartition, OffsetAndMetadata> committed, Map.Entry<TopicPartition, Long> end) {
        OffsetAndMetadata offset = committed.get(end.getKey());
        return end.getValue() == 0 || (offset != null && offset.offset() >= end.getValue());
    }
}
