package io.reelstream.tests.support;

import io.reelstream.localstack.FreePort;
import io.reelstream.schemas.TopicNames;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the shared local stack: real Kafka and Cassandra round trips, and data surviving restarts.
 */
class LocalStackITCase {

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void shouldRoundTripRecordsThroughBootstrappedTopics() throws Exception {
        String prefix = SERVICES.uniqueTopicPrefix();

        List<String> created = SERVICES.createTopics(prefix);
        List<String> again = SERVICES.createTopics(prefix);
        String playback = prefix + "reelstream.playback.v1";
        List<String> sent = values("play", 50);
        SERVICES.send(playback, bytes(sent));
        List<ConsumerRecord<byte[], byte[]>> read = SERVICES.read(playback, 50, TIMEOUT);

        assertThat(created)
                .hasSize(TopicNames.ALL.size())
                .allMatch(name -> name.startsWith(prefix))
                .isEqualTo(again);
        assertThat(strings(read)).containsExactlyInAnyOrderElementsOf(sent);
        try (Admin admin = admin()) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(created).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics.get(playback).partitions()).hasSize(4);
            String catalog = prefix + "reelstream.catalog.v1";
            Config config =
                    admin.describeConfigs(
                                    List.of(new ConfigResource(ConfigResource.Type.TOPIC, catalog)))
                            .all()
                            .get(30, TimeUnit.SECONDS)
                            .values()
                            .iterator()
                            .next();
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void shouldRoundTripRowsThroughCql() {
        String keyspace = SERVICES.createUniqueKeyspace();

        try (CqlSession session = SERVICES.newSession(keyspace)) {
            session.execute("CREATE TABLE rows_by_id (id int PRIMARY KEY, name text)");
            for (int i = 0; i < 20; i++) {
                session.execute("INSERT INTO rows_by_id (id, name) VALUES (?, ?)", i, "row-" + i);
            }
            List<Row> rows = session.execute("SELECT id, name FROM rows_by_id").all();

            assertThat(rows)
                    .extracting(r -> r.getInt("id") + "=" + r.getString("name"))
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.range(0, 20).mapToObj(i -> i + "=row-" + i).toList());
            assertThat(
                            session.execute("SELECT release_version FROM system.local")
                                    .one()
                                    .getString("release_version"))
                    .isEqualTo("5.0.6");
        }
    }

    @Test
    void shouldKeepRecordsAndCommittedOffsetsAcrossKafkaRestart() throws Exception {
        String topic = SERVICES.createTopic(SERVICES.uniqueTopicPrefix() + "restart", 2);
        String group = "restart-group-" + topic;
        List<String> sent = values("before-restart", 40);
        SERVICES.sendRecords(
                sent.stream().map(v -> new ProducerRecord<>(topic, bytes(v), bytes(v))).toList());
        Map<TopicPartition, OffsetAndMetadata> committed = commitEndOffsets(topic, group);
        String bootstrapBefore = SERVICES.bootstrapServers();

        SERVICES.kafka().stop();
        boolean acceptsWhileStopped =
                FreePort.accepts("localhost", SERVICES.kafka().brokerPort(), Duration.ofSeconds(1));
        SERVICES.kafka().start();

        assertThat(acceptsWhileStopped).isFalse();
        assertThat(SERVICES.bootstrapServers()).isEqualTo(bootstrapBefore);
        assertThat(strings(SERVICES.read(topic, 40, TIMEOUT)))
                .containsExactlyInAnyOrderElementsOf(sent);
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> afterRestart =
                    admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata()
                            .get(60, TimeUnit.SECONDS);
            assertThat(afterRestart).isEqualTo(committed);
        }
        assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum())
                .isEqualTo(40);
    }

    @Test
    void shouldKeepRowsAcrossCassandraRestart() {
        String keyspace = SERVICES.createUniqueKeyspace();
        try (CqlSession session = SERVICES.newSession(keyspace)) {
            session.execute("CREATE TABLE survivors (id int PRIMARY KEY, note text)");
            for (int i = 0; i < 10; i++) {
                session.execute("INSERT INTO survivors (id, note) VALUES (?, ?)", i, "kept-" + i);
            }
        }
        InetSocketAddress before = SERVICES.cassandra().contactPoint();

        SERVICES.cassandra().stop();
        boolean acceptsWhileStopped =
                FreePort.accepts(before.getHostString(), before.getPort(), Duration.ofSeconds(1));
        SERVICES.cassandra().start();

        assertThat(acceptsWhileStopped).isFalse();
        assertThat(SERVICES.cassandra().contactPoint()).isEqualTo(before);
        try (CqlSession session = SERVICES.newSession(keyspace)) {
            Set<String> notes =
                    session.execute("SELECT note FROM survivors").all().stream()
                            .map(r -> r.getString("note"))
                            .collect(Collectors.toSet());
            assertThat(notes)
                    .isEqualTo(
                            IntStream.range(0, 10)
                                    .mapToObj(i -> "kept-" + i)
                                    .collect(Collectors.toSet()));
        }
    }

    /** Commits, for a consumer group, the end offset of every partition of the topic. */
    private static Map<TopicPartition, OffsetAndMetadata> commitEndOffsets(
            String topic, String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SERVICES.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, TIMEOUT).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    consumer.endOffsets(partitions, TIMEOUT).entrySet().stream()
                            .collect(
                                    Collectors.toMap(
                                            Map.Entry::getKey,
                                            e -> new OffsetAndMetadata(e.getValue())));
            consumer.commitSync(offsets, TIMEOUT);
            return offsets;
        }
    }

    private static Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SERVICES.bootstrapServers());
        return Admin.create(props);
    }

    private static List<String> values(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    private static List<byte[]> bytes(List<String> values) {
        return values.stream().map(LocalStackITCase::bytes).toList();
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> strings(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }
}
