package io.reelstream.tests.reliability;

import io.reelstream.generator.GeneratedRecord;
import io.reelstream.generator.GeneratorConfig;
import io.reelstream.generator.KafkaTrafficWriter;
import io.reelstream.generator.TopicKind;
import io.reelstream.generator.Topics;
import io.reelstream.generator.TrafficGenerator;
import io.reelstream.localstack.schema.SchemaMigrator;
import io.reelstream.pipelines.features.SessionFeaturesJob;
import io.reelstream.pipelines.features.SessionFeaturesJobSettings;
import io.reelstream.pipelines.features.SessionFeaturesOptions;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.serving.FeatureRows;
import io.reelstream.serving.FeatureSet;
import io.reelstream.tests.features.SessionFeaturesReference;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.tests.support.ShippedStateBackend;
import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.cassandra.CassandraSettings;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.ingest.IngestSettings;
import io.reelstream.udfs.ingest.StartingOffsets;

import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The session features job as the reliability ITCases run it: generator traffic (the same as {@code
 * SessionFeaturesITCase}, whose failure-free run equals {@link SessionFeaturesReference}), fresh
 * topics and keyspace on the shared services, the production graph with the production sinks
 * (optionally with a wrapped playback source), and the comparison of every stored row with the
 * reference: same users (count) and same vectors (content).
 */
final class FeaturesScenario {

    static final Duration DEADLINE = Duration.ofSeconds(90);

    private static final Set<TopicKind> INPUTS =
            Set.of(TopicKind.CATALOG, TopicKind.PLAYBACK, TopicKind.SEARCH);

    private final SharedServices services;
    final String prefix;
    final String keyspace;
    final Topics topics;

    /** Catalog records first, then events in generator (event-time) order. */
    final List<GeneratedRecord> records;

    final int catalogRecords;
    final SessionFeaturesReference reference;

    FeaturesScenario(SharedServices services, int events) {
        this.services = services;
        this.prefix = services.uniqueTopicPrefix();
        services.createTopics(prefix);
        this.topics = new Topics(prefix);
        this.keyspace = services.uniqueKeyspace();
        try (CqlSession session = services.newSession()) {
            new SchemaMigrator(session).applyLocal(keyspace);
        }
        TrafficGenerator generator =
                new TrafficGenerator(
                        GeneratorConfig.builder().seed(11).users(40).titles(150).build());
        this.catalogRecords = generator.catalogRecordCount();
        this.records =
                generator.stream()
                        .limit(generator.catalogRecordCount() + events)
                        .filter(r -> INPUTS.contains(r.kind()))
                        .toList();
        this.reference = new SessionFeaturesReference(records);
    }

    /** Sends records (generator order, Kafka timestamp = event time) and waits for the acks. */
    void send(List<GeneratedRecord> batch) {
        services.sendRecords(producerRecords(batch));
    }

    /**
     * Like {@link #send} but with a non-idempotent producer (acks=all, one request in flight, so
     * order is kept). For right after a broker restart: there, a new idempotent producer was seen
     * to be handed a producer id that already had sequence state on the partition, and every send
     * failed with OutOfOrderSequenceException until the delivery timeout.
     */
    void sendWithoutIdempotence(List<GeneratedRecord> batch) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> record : producerRecords(batch)) {
                acks.add(producer.send(record));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private List<ProducerRecord<byte[], byte[]>> producerRecords(List<GeneratedRecord> batch) {
        return KafkaTrafficWriter.producerRecords(topics, batch);
    }

    /** The catalog records (sent first, before any event). */
    List<GeneratedRecord> catalog() {
        return records.subList(0, catalogRecords);
    }

    /** The playback and search records, in generator order. */
    List<GeneratedRecord> events() {
        return records.subList(catalogRecords, records.size());
    }

    /**
     * Waits until the job committed offsets at the end of the catalog topic. Offsets are committed
     * when a checkpoint completes, and an aligned checkpoint completes only after every operator
     * processed the records before its barrier: the whole catalog is then in the feature function's
     * broadcast state, so no vector is computed before its titles' genres are known.
     */
    void awaitCatalogCheckpointed(Duration timeout) throws Exception {
        FaultRecovery.awaitCommittedToEnd(
                services.bootstrapServers(),
                prefix + "session-features",
                topics.of(TopicKind.CATALOG),
                timeout);
    }

    /** The job's options on the shared services (group, topics, keyspace of this scenario). */
    Configuration configuration() {
        var contact = services.cassandra().contactPoint();
        Configuration conf =
                CassandraSettings.of(contact.getHostString() + ":" + contact.getPort(), keyspace)
                        .with(
                                CassandraOptions.LOCAL_DATACENTER,
                                services.cassandra().localDatacenter())
                        .toConfiguration();
        conf.set(IngestOptions.BOOTSTRAP_SERVERS, services.bootstrapServers());
        conf.set(IngestOptions.GROUP_ID, prefix + "session-features");
        conf.set(IngestOptions.STARTING_OFFSETS, StartingOffsets.EARLIEST);
        conf.set(SessionFeaturesOptions.PLAYBACK_TOPIC, topics.of(TopicKind.PLAYBACK));
        conf.set(SessionFeaturesOptions.SEARCH_TOPIC, topics.of(TopicKind.SEARCH));
        conf.set(SessionFeaturesOptions.CATALOG_TOPIC, topics.of(TopicKind.CATALOG));
        conf.set(SessionFeaturesOptions.OUTPUT_TOPIC, prefix + "reelstream.user-features.v1");
        conf.set(SessionFeaturesOptions.DEAD_LETTER_TOPIC, prefix + "reelstream.dead-letter.v1");
        conf.set(SessionFeaturesOptions.ALLOWED_LATENESS, Duration.ofHours(1));
        conf.set(SessionFeaturesOptions.EMIT_DEBOUNCE, Duration.ofMillis(200));
        return conf;
    }

    /** The production job, its playback source passed through {@code wrapPlayback}. */
    SessionFeaturesJob job(UnaryOperator<Source<RawRecord, ?, ?>> wrapPlayback) {
        Configuration conf = configuration();
        SessionFeaturesJobSettings options = SessionFeaturesOptions.from(conf);
        IngestSettings ingest = options.ingest();
        SessionFeaturesJob.Sources kafka = SessionFeaturesJob.Sources.kafka(options);
        return new SessionFeaturesJob(
                options,
                new SessionFeaturesJob.Sources(
                        wrapPlayback.apply(kafka.playback()), kafka.search(), kafka.catalog()),
                SessionFeaturesJob.Sinks.production(options, CassandraOptions.from(conf)));
    }

    /**
     * RocksDB, filesystem checkpoints every {@code interval} under {@code dir}, fixed-delay
     * restarts: what production runs with, as job configuration for {@code env.configure}.
     */
    static Configuration faultTolerance(Path dir, Duration interval) {
        Configuration conf = new Configuration();
        ShippedStateBackend.applyTo(conf);
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        return conf;
    }

    /**
     * Polls user_features until the stored rows are exactly the reference's users, each as of (at
     * least) the user's last event and equal to the reference vector at that as-of time; returns
     * the remaining mismatches at the deadline (empty = converged).
     */
    Map<String, String> awaitReference(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> mismatches = new HashMap<>();
        try (CqlSession session = services.newSession(keyspace)) {
            do {
                Thread.sleep(2000);
                mismatches = mismatches(session);
            } while (!mismatches.isEmpty() && System.nanoTime() < deadline);
        }
        return mismatches;
    }

    /** Rows in user_features now. */
    long storedRows() {
        try (CqlSession session = services.newSession(keyspace)) {
            return session.execute("SELECT count(*) FROM user_features").one().getLong(0);
        }
    }

    private Map<String, String> mismatches(CqlSession session) throws Exception {
        Map<String, String> mismatches = new HashMap<>();
        FeatureRows featureRows = new FeatureRows(session, keyspace);
        Map<String, FeatureSet> rows = new HashMap<>();
        for (Row row :
                session.execute("SELECT user_id, " + FeatureRows.COLUMNS + " FROM user_features")) {
            rows.put(row.getString("user_id"), featureRows.decode(row));
        }
        for (String user : rows.keySet()) {
            if (!reference.activities().containsKey(user)) {
                mismatches.put(user, "row for a user without activities");
            }
        }
        for (String user : reference.activities().keySet()) {
            String problem = reference.mismatch(user, rows.get(user));
            if (problem != null) {
                mismatches.put(user, problem);
            }
        }
        return mismatches;
    }
}
