package io.reelstream.tests.features;

import io.reelstream.generator.GeneratedRecord;
import io.reelstream.generator.GeneratorConfig;
import io.reelstream.generator.TopicKind;
import io.reelstream.generator.Topics;
import io.reelstream.generator.TrafficGenerator;
import io.reelstream.localstack.schema.SchemaMigrator;
import io.reelstream.pipelines.features.SessionFeaturesJob;
import io.reelstream.pipelines.features.SessionFeaturesOptions;
import io.reelstream.schemas.features.UserFeatureVectorAvro;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.tests.support.TestFlinkCluster;
import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.cassandra.CassandraSettings;
import io.reelstream.udfs.features.model.UserSessionFeatureSet;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.ingest.StartingOffsets;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.datastax.oss.driver.api.core.CqlSession;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generator traffic through real Kafka, the session features job on a MiniCluster (parallelism 2)
 * and real Cassandra: every user's stored vector equals the reference computed from the same
 * records at the row's as-of time, and the feature topic carries decodable vectors.
 */
class SessionFeaturesITCase {

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    @RegisterExtension static final MiniClusterExtension FLINK = TestFlinkCluster.twoSlots();

    private static final int EVENTS = 2500;
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Set<TopicKind> INPUTS =
            Set.of(TopicKind.CATALOG, TopicKind.PLAYBACK, TopicKind.SEARCH);

    @Test
    void shouldStoreFeaturesEqualToTheReferenceForGeneratedTraffic() throws Exception {
        String prefix = SERVICES.uniqueTopicPrefix();
        SERVICES.createTopics(prefix);
        Topics topics = new Topics(prefix);
        String keyspace = SERVICES.uniqueKeyspace();
        try (CqlSession session = SERVICES.newSession()) {
            new SchemaMigrator(session).applyLocal(keyspace);
        }
        TrafficGenerator generator =
                new TrafficGenerator(
                        GeneratorConfig.builder().seed(11).users(40).titles(150).build());
        List<GeneratedRecord> records =
                generator.stream()
                        .limit(generator.catalogRecordCount() + EVENTS)
                        .filter(r -> INPUTS.contains(r.kind()))
                        .toList();
        send(topics, records);
        SessionFeaturesReference reference = new SessionFeaturesReference(records);
        assertThat(reference.activities()).hasSizeGreaterThan(10);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(1000);
        SessionFeaturesJob.fromConfiguration(configuration(prefix, keyspace)).build(env);
        JobClient job = env.executeAsync("session-features-itcase");
        Map<String, String> mismatches;
        try {
            try (CqlSession session = SERVICES.newSession(keyspace)) {
                mismatches =
                        reference.awaitStored(
                                session, keyspace, reference.activities().keySet(), DEADLINE);
            }
        } finally {
            job.cancel().get();
        }
        assertThat(mismatches).isEmpty();

        List<ConsumerRecord<byte[], byte[]>> published =
                SERVICES.read(
                        prefix + "reelstream.user-features.v1",
                        reference.activities().size(),
                        Duration.ofSeconds(30));
        assertThat(published)
                .allMatch(r -> (r.value()[0] & 0xFF) == 0xC3, "Avro single-object encoded")
                .extracting(
                        r ->
                                UserFeatureVectorAvro.decode(
                                        r.value(), UserSessionFeatureSet.featureSetNames()))
                .allMatch(v -> v.featureSet.equals(UserSessionFeatureSet.NAME))
                .allMatch(v -> v.names.length == v.values.length)
                .allMatch(v -> reference.activities().containsKey(v.userId));
    }

    private static void send(Topics topics, List<GeneratedRecord> records) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (GeneratedRecord r : records) {
            out.add(
                    new ProducerRecord<>(
                            topics.of(r.kind()),
                            null,
                            r.eventTime(),
                            r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8),
                            r.value()));
        }
        SERVICES.sendRecords(out);
    }

    private static Configuration configuration(String prefix, String keyspace) {
        var contact = SERVICES.cassandra().contactPoint();
        Configuration conf =
                CassandraSettings.of(contact.getHostString() + ":" + contact.getPort(), keyspace)
                        .with(
                                CassandraOptions.LOCAL_DATACENTER,
                                SERVICES.cassandra().localDatacenter())
                        .toConfiguration();
        conf.set(IngestOptions.BOOTSTRAP_SERVERS, SERVICES.bootstrapServers());
        conf.set(IngestOptions.GROUP_ID, prefix + "session-features");
        conf.set(IngestOptions.STARTING_OFFSETS, StartingOffsets.EARLIEST);
        conf.set(SessionFeaturesOptions.PLAYBACK_TOPIC, prefix + "reelstream.playback.v1");
        conf.set(SessionFeaturesOptions.SEARCH_TOPIC, prefix + "reelstream.search.v1");
        conf.set(SessionFeaturesOptions.CATALOG_TOPIC, prefix + "reelstream.catalog.v1");
        conf.set(SessionFeaturesOptions.OUTPUT_TOPIC, prefix + "reelstream.user-features.v1");
        conf.set(SessionFeaturesOptions.DEAD_LETTER_TOPIC, prefix + "reelstream.dead-letter.v1");
        conf.set(SessionFeaturesOptions.ALLOWED_LATENESS, Duration.ofHours(1));
        conf.set(SessionFeaturesOptions.EMIT_DEBOUNCE, Duration.ofMillis(200));
        return conf;
    }
}
