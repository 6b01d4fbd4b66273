package io.reelstream.tests.evolution;

import io.reelstream.generator.GeneratedRecord;
import io.reelstream.generator.GeneratorConfig;
import io.reelstream.generator.TopicKind;
import io.reelstream.generator.TrafficGenerator;
import io.reelstream.pipelines.recs.RecsJob;
import io.reelstream.pipelines.recs.RecsJobSettings;
import io.reelstream.pipelines.recs.RecsOptions;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.tests.recs.RecsScenario;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.udfs.ingest.RawRecordSchema;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The recommendation job's savepoint fixtures ({@code savepoints/recs-v<N>}): their fixed topics,
 * their generated input (the catalog, then four hours of playback of 40 members in two phases, plus
 * the item-factor replica as the job had published it when the savepoint was taken) and the job
 * both runs use. Shared by the writer ({@link RecsSavepointWriterITCase}, run with the code of the
 * state schema a fixture stands for) and the restore test ({@link RecsStateEvolutionITCase}).
 *
 * <p>The replica topic is the job's own input too: the savepoint holds its split offsets (and the
 * replica in broadcast state), so a restore onto fresh topics needs the same replica records at the
 * same offsets. The writer reads the topic back after the stop and stores it as phase 1 (Base64
 * values, see {@link FixtureRecord}); a restore replays it before the job starts.
 *
 * <ul>
 *   <li>v1: {@code UserModelState} v1 (factors, history, positives, debounce times), the {@code
 *       covisit-window}, {@code item-model}, {@code playback-engagement} and {@code show-of-title}
 *       states and the {@code item-replica} broadcast state; written with the code of commit
 *       3490199 on the topics {@code evolution-recs.reelstream.*}.
 *   <li>v2: {@code UserModelState} gained {@code lastEventAt}, the decision time of the hybrid's
 *       training log; the job gained "rank candidates" (the ranker model in broadcast state) and,
 *       with a training-log path, "label decisions"; session 23 added the {@code member-activity}
 *       state, the {@code catalog-shows} broadcast state and the day popularity ({@code
 *       ItemModelState} v2, {@code ItemFactorUpdate} v3). Written with the code of commit 3d5c707
 *       on the topics {@code evolution-recs-v2.reelstream.*}.
 *   <li>v3 (the current code, no fixture yet): {@code UserModelState} gained {@code lastNewShow},
 *       {@code TitleCovisitState} the successors and {@code ItemFactorUpdate} (v4) the next shows.
 * </ul>
 */
final class RecsSavepoints {

    /** The state schema version of the code the writer runs with (the fixture it writes). */
    static final int CURRENT_STATE_VERSION = 3;

    /** Where its fixtures and their topics are, by version. */
    static final SavepointFixtureLayout LAYOUT = new SavepointFixtureLayout("recs", "recs");

    static final String GROUP_ID = "recs-evolution";
    static final int PARTITIONS = 2;

    static final long START = Instant.parse("2026-11-01T18:00:00Z").toEpochMilli();
    static final long PHASE_TWO_FROM = START + Duration.ofHours(3).toMillis();
    static final long END = START + Duration.ofHours(4).toMillis();

    /**
     * State TTL is processing time: members' state is kept ten years so the committed state has not
     * expired when a test restores it.
     */
    static final Duration USER_STATE_TTL = Duration.ofDays(3650);

    private RecsSavepoints() {}

    static String playbackTopic(int version) {
        return LAYOUT.topicPrefix(version) + RecsOptions.PLAYBACK_TOPIC.defaultValue();
    }

    static String catalogTopic(int version) {
        return LAYOUT.topicPrefix(version) + RecsOptions.CATALOG_TOPIC.defaultValue();
    }

    static String replicaTopic(int version) {
        return LAYOUT.topicPrefix(version) + RecsOptions.ITEM_FACTORS_TOPIC.defaultValue();
    }

    /** The topics the job reads: playback, catalog and its own item-factor replica. */
    static List<String> inputTopics(int version) {
        return List.of(playbackTopic(version), catalogTopic(version), replicaTopic(version));
    }

    /**
     * Creates the fixture's topics: the three it reads kept forever (the records carry 2026 event
     * times, and the replica must keep every offset: no compaction), then the others of the prefix.
     */
    static void createTopics(SharedServices services, int version) throws Exception {
        Map<String, Integer> partitions = new HashMap<>();
        inputTopics(version).forEach(topic -> partitions.put(topic, PARTITIONS));
        ContinueWatchingSavepoints.createKeptForever(services, partitions);
        services.createTopics(LAYOUT.topicPrefix(version));
    }

    /** The job's options: the fixture's topics and group, short debounces, a ten-year TTL. */
    static RecsJobSettings options(SharedServices services, int version) {
        Configuration conf =
                RecsScenario.configuration(services, GROUP_ID, LAYOUT.topicPrefix(version));
        conf.set(RecsOptions.USER_STATE_TTL, USER_STATE_TTL);
        return RecsOptions.from(conf);
    }

    /**
     * The production graph with its production sinks (Cassandra tables of {@code keyspace}, the
     * Kafka replica and dead letters) on unbounded sources that commit offsets on checkpoints; the
     * playback source starts at {@code playbackStart} where no offsets are restored.
     */
    static RecsJob job(
            SharedServices services,
            RecsJobSettings options,
            String keyspace,
            OffsetsInitializer playbackStart) {
        return new RecsJob(
                options,
                new RecsJob.Sources(
                        source(services, options.playbackTopic(), playbackStart),
                        source(services, options.catalogTopic(), OffsetsInitializer.earliest()),
                        source(services, options.itemFactorsTopic(), OffsetsInitializer.earliest()),
                        source(
                                services,
                                options.rankerModelsTopic(),
                                OffsetsInitializer.earliest())),
                RecsJob.Sinks.production(options, services.cassandraOptions(keyspace)));
    }

    private static KafkaSource<RawRecord> source(
            SharedServices services, String topic, OffsetsInitializer start) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(services.bootstrapServers())
                .setTopics(topic)
                .setGroupId(GROUP_ID)
                .setStartingOffsets(start)
                .setDeserializer(new RawRecordSchema())
                .build();
    }

    /**
     * Waits until the job has committed the end of every input topic and no member's factors were
     * rewritten meanwhile (lists and factors are written by the same debounce timer).
     */
    static void awaitSettled(
            SharedServices services, JobClient job, int version, String keyspace, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Instant> previous = Map.of();
        while (true) {
            long left = Math.max(1, deadline - System.nanoTime());
            ContinueWatchingSavepoints.awaitCaughtUp(
                    services, job, inputTopics(version), GROUP_ID, Duration.ofNanos(left));
            Thread.sleep(3_000);
            Map<String, Instant> written = factorsWritten(services, keyspace);
            if (!written.isEmpty() && written.equals(previous)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("member factors still changing after " + timeout);
            }
            previous = written;
        }
    }

    /** Member → when their row of {@code user_factors} was written. */
    static Map<String, Instant> factorsWritten(SharedServices services, String keyspace) {
        Map<String, Instant> written = new HashMap<>();
        try (CqlSession session = services.newSession(keyspace)) {
            for (Row row : session.execute("SELECT user_id, updated_at FROM user_factors")) {
                written.put(row.getString("user_id"), row.getInstant("updated_at"));
            }
        }
        return written;
    }

    /**
     * The replica topic's records from its first offset to its end, as phase 1 of the fixture;
     * fails unless every partition's offsets are contiguous from 0 (a replay must put each record
     * at the offset the savepoint's split positions count).
     */
    static List<FixtureRecord> replicaRecords(SharedServices services, int version) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<FixtureRecord> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(replicaTopic(version), Duration.ofSeconds(30)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<Integer, Long> next = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read the replica topic to its end");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    long expected = next.getOrDefault(r.partition(), 0L);
                    if (r.offset() != expected) {
                        throw new IllegalStateException(
                                "replica offsets not contiguous: " + r + ", expected " + expected);
                    }
                    next.put(r.partition(), expected + 1);
                    records.add(
                            FixtureRecord.binary(
                                    1,
                                    r.topic(),
                                    r.partition(),
                                    r.timestamp(),
                                    new String(r.key(), StandardCharsets.UTF_8),
                                    r.value()));
                }
            }
        }
        return records;
    }

    /**
     * The catalog, then playback of 40 members over 400 titles (about 50 shows, four taste
     * clusters) for four hours, phase 2 being the last hour, on the topics of {@code version}.
     */
    static List<FixtureRecord> generate(int version) {
        TrafficGenerator generator =
                new TrafficGenerator(
                        GeneratorConfig.builder()
                                .seed(17)
                                .users(40)
                                .titles(400)
                                .clusters(4)
                                .clusterAffinity(0.9)
                                .startMillis(START)
                                .speedUp(600)
                                .malformedShare(0)
                                .withoutReleases()
                                .build());
        List<FixtureRecord> records = new ArrayList<>();
        while (true) {
            GeneratedRecord record = generator.next();
            boolean catalog = record.kind() == TopicKind.CATALOG;
            if (!catalog && record.eventTime() >= END) {
                return records;
            }
            if (!catalog && record.kind() != TopicKind.PLAYBACK) {
                continue;
            }
            String key = record.key() == null ? "" : record.key();
            records.add(
                    new FixtureRecord(
                            !catalog && record.eventTime() >= PHASE_TWO_FROM ? 2 : 1,
                            catalog ? catalogTopic(version) : playbackTopic(version),
                            Math.floorMod(key.hashCode(), PARTITIONS),
                            record.eventTime(),
                            key,
                            new String(record.value(), StandardCharsets.UTF_8)));
        }
    }

    /** Where each playback partition's phase 2 starts: the offsets the savepoint left off at. */
    static OffsetsInitializer phaseTwoStart(List<FixtureRecord> input, int version) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            offsets.put(new TopicPartition(playbackTopic(version), p), 0L);
        }
        input.stream()
                .filter(r -> r.phase() == 1 && r.topic().equals(playbackTopic(version)))
                .forEach(
                        r ->
                                offsets.merge(
                                        new TopicPartition(r.topic(), r.partition()),
                                        1L,
                                        Long::sum));
        return OffsetsInitializer.offsets(offsets);
    }
}
