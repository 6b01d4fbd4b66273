package io.reelstream.tests.qoe;

import io.reelstream.localstack.schema.SchemaMigrator;
import io.reelstream.pipelines.qoe.QoeJob;
import io.reelstream.pipelines.qoe.QoeJobSettings;
import io.reelstream.pipelines.qoe.QoeOptions;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.udfs.cassandra.CassandraSettings;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.ingest.IngestSettings;
import io.reelstream.udfs.ingest.RawRecordSchema;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.datastax.oss.driver.api.core.CqlSession;

import java.time.Duration;
import java.util.List;

/**
 * Runs the real QoE job graph for the ITCases: a MiniCluster at parallelism 2 reading the topics
 * under a prefix from the earliest offset (to the latest, when bounded), writing to a freshly
 * migrated keyspace and to the prefixed output topics.
 */
public final class QoeJobRun {

    /**
     * The jobs' {@code reelstream.qoe.inactivity-timeout}: short, so the fixtures' playbacks close.
     */
    public static final Duration INACTIVITY_TIMEOUT = Duration.ofSeconds(60);

    private QoeJobRun() {}

    /** A new keyspace with every migration applied. */
    public static String migratedKeyspace(SharedServices services) {
        String keyspace = services.uniqueKeyspace();
        try (CqlSession session = services.newSession()) {
            new SchemaMigrator(session).applyLocal(keyspace);
        }
        return keyspace;
    }

    /**
     * The topics under {@code prefix}, the QoE and CMCD inputs with one partition each: a replayed
     * backlog then reaches the (post-decode) watermark generator in event-time order, as live
     * traffic would.
     */
    public static void createTopicsInEventTimeOrder(SharedServices services, String prefix) {
        services.createTopic(prefix + QoeOptions.QOE_TOPIC.defaultValue(), 1);
        services.createTopic(prefix + QoeOptions.CMCD_TOPIC.defaultValue(), 1);
        services.createTopics(prefix);
    }

    /** Runs the job over everything the prefixed input topics hold, then returns. */
    public static void run(SharedServices services, String prefix, String keyspace, String groupId)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        job(services, prefix, keyspace, groupId, true).build(env);
        env.execute(groupId);
    }

    /** The job on the prefixed topics; unbounded sources run until the job is stopped. */
    public static QoeJob job(
            SharedServices services,
            String prefix,
            String keyspace,
            String groupId,
            boolean bounded) {
        Configuration conf = configuration(services, prefix, groupId);
        QoeJobSettings options = QoeOptions.from(conf);
        IngestSettings ingest = options.ingest();
        CassandraSettings cassandra = services.cassandraOptions(keyspace);

        return new QoeJob(
                options,
                new QoeJob.Sources(
                        source(services, options.qoeTopic(), groupId, bounded),
                        source(services, options.cmcdTopic(), groupId, bounded)),
                QoeJob.Sinks.production(options, cassandra));
    }

    /**
     * The job's options on the shared services: consumer {@code groupId}, every topic under {@code
     * prefix}, the short {@link #INACTIVITY_TIMEOUT}.
     */
    public static Configuration configuration(
            SharedServices services, String prefix, String groupId) {
        Configuration conf = new Configuration();
        conf.set(IngestOptions.BOOTSTRAP_SERVERS, services.bootstrapServers());
        conf.set(IngestOptions.GROUP_ID, groupId);
        for (var option :
                List.of(
                        QoeOptions.QOE_TOPIC,
                        QoeOptions.CMCD_TOPIC,
                        QoeOptions.SESSIONS_TOPIC,
                        QoeOptions.STALLS_TOPIC,
                        QoeOptions.ALERTS_TOPIC,
                        QoeOptions.DEAD_LETTER_TOPIC)) {
            conf.set(option, prefix + option.defaultValue());
        }
        conf.set(QoeOptions.INACTIVITY_TIMEOUT, INACTIVITY_TIMEOUT);
        return conf;
    }

    private static KafkaSource<RawRecord> source(
            SharedServices services, String topic, String groupId, boolean bounded) {
        var source =
                KafkaSource.<RawRecord>builder()
                        .setBootstrapServers(services.bootstrapServers())
                        .setTopics(topic)
                        .setGroupId(groupId)
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setDeserializer(new RawRecordSchema());
        if (bounded) {
            source.setBounded(OffsetsInitializer.latest());
        }
        return source.build();
    }
}
