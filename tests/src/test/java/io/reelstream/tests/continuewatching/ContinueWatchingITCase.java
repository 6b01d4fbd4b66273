package io.reelstream.tests.continuewatching;

import io.reelstream.generator.GeneratedRecord;
import io.reelstream.generator.GeneratorConfig;
import io.reelstream.generator.TopicKind;
import io.reelstream.generator.TrafficGenerator;
import io.reelstream.localstack.schema.SchemaMigrator;
import io.reelstream.pipelines.continuewatching.ContinueWatchingJob;
import io.reelstream.pipelines.continuewatching.ContinueWatchingOptions;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.cassandra.CassandraSink;
import io.reelstream.udfs.continuewatching.CatalogTitle;
import io.reelstream.udfs.continuewatching.ContinueWatchingEntry;
import io.reelstream.udfs.continuewatching.ContinueWatchingReference;
import io.reelstream.udfs.continuewatching.ContinueWatchingSettings;
import io.reelstream.udfs.continuewatching.ContinueWatchingTable;
import io.reelstream.udfs.continuewatching.InMemoryCatalog;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.ingest.KafkaDeadLetterSink;
import io.reelstream.udfs.ingest.RawRecordDeserializer;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.UdtValue;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The continue-watching job end to end on real Kafka and Cassandra (MiniCluster, parallelism 2,
 * Kryo disabled): three hours of generator traffic (binges, device switches, seeks, malformed
 * records). The row of every user in Cassandra must equal the reference row computed from the same
 * events; every malformed record must be dead-lettered.
 */
class ContinueWatchingITCase {

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    private static final long HOUR = Duration.ofHours(1).toMillis();

    @Test
    void theRowOfEveryUserInCassandraEqualsTheReferenceRow() throws Exception {
        long start = System.currentTimeMillis() - 4 * HOUR;
        Traffic traffic = generate(start, start + 3 * HOUR);
        String prefix = SERVICES.uniqueTopicPrefix();
        SERVICES.createTopics(prefix);
        String keyspace = migratedKeyspace();
        send(prefix, traffic);
        ContinueWatchingSettings settings = ContinueWatchingSettings.DEFAULTS;
        Map<String, List<Entry>> expected = referenceRows(traffic, settings);

        runJob(prefix, keyspace);

        Map<String, List<Entry>> actual = cassandraRows(keyspace);
        Map<String, List<Entry>> nonEmpty = new HashMap<>(actual);
        nonEmpty.values().removeIf(List::isEmpty);
        System.out.println(
                "[continue-watching-itcase] playback events "
                        + traffic.playback.size()
                        + ", users with a row "
                        + expected.size()
                        + ", entries "
                        + expected.values().stream().mapToInt(List::size).sum()
                        + ", hand-offs "
                        + handOffs(expected));
        assertThat(expected.size()).as("traffic gives many users a row").isGreaterThan(10);
        assertThat(handOffs(expected)).as("traffic exercises next-episode hand-off").isPositive();
        assertThat(nonEmpty).isEqualTo(expected);

        String someUser = expected.keySet().iterator().next();
        try (CqlSession session = SERVICES.newSession(keyspace)) {
            Row row =
                    session.execute(
                                    "SELECT cw_row, TTL(cw_row) AS ttl FROM continue_watching"
                                            + " WHERE user_id = ?",
                                    someUser)
                            .one();
            assertThat(row).isNotNull();
            assertThat(row.getInt("ttl")).isBetween(1, (int) (settings.maxAgeMs() / 1000));
            assertThat(row.getList("cw_row", UdtValue.class))
                    .hasSize(expected.get(someUser).size());
        }
        assertThat(
                        SERVICES.read(
                                prefix + "reelstream.dead-letter.v1",
                                traffic.malformed,
                                Duration.ofSeconds(30)))
                .hasSize(traffic.malformed);
    }

    /** The served fields of one entry, as read back from Cassandra. */
    record Entry(
            String titleId, String seriesId, long positionMs, long lastWatchedAt, String device) {}

    /** The generated records the test sends, and the valid playback events among them. */
    private record Traffic(
            List<GeneratedRecord> records,
            List<PlaybackEvent> playback,
            List<CatalogRecord> catalog,
            int malformed) {}

    private static Traffic generate(long start, long end) {
        TrafficGenerator generator =
                new TrafficGenerator(
                        GeneratorConfig.builder()
                                .seed(2026)
                                .users(60)
                                .titles(80)
                                .startMillis(start)
                                .speedUp(600)
                                .malformedShare(0.005)
                                .build());
        List<GeneratedRecord> records = new ArrayList<>();
        List<PlaybackEvent> playback = new ArrayList<>();
        int malformed = 0;
        var decoder =
                EventCodecs.playbackDecoder(
                        IngestOptions.fromConfig(new Configuration()).decodeLimits());
        while (true) {
            GeneratedRecord record = generator.next();
            if (record.kind() != TopicKind.CATALOG && record.eventTime() > end) {
                break;
            }
            if (record.kind() != TopicKind.PLAYBACK && record.kind() != TopicKind.CATALOG) {
                continue;
            }
            records.add(record);
            if (!record.isValid()) {
                malformed++;
            } else if (record.kind() == TopicKind.PLAYBACK) {
                RawRecord raw =
                        new RawRecord("playback", 0, 0, record.eventTime(), null, record.value());
                if (decoder.decode(raw, System.currentTimeMillis())
                        instanceof DecodeResult.Ok<PlaybackEvent> ok) {
                    playback.add(ok.value());
                }
            }
        }
        return new Traffic(records, playback, generator.catalog().titles(), malformed);
    }

    private static Map<String, List<Entry>> referenceRows(
            Traffic traffic, ContinueWatchingSettings settings) {
        InMemoryCatalog catalog = new InMemoryCatalog();
        for (CatalogRecord title : traffic.catalog) {
            catalog.put(CatalogTitle.of(title));
        }
        Map<String, List<PlaybackEvent>> byUser = new HashMap<>();
        long last = Long.MIN_VALUE;
        for (PlaybackEvent event : traffic.playback) {
            byUser.computeIfAbsent(event.userId(), u -> new ArrayList<>()).add(event);
            last = Math.max(last, event.eventTime());
        }
        Map<String, List<Entry>> rows = new HashMap<>();
        for (Map.Entry<String, List<PlaybackEvent>> user : byUser.entrySet()) {
            List<Entry> row = new ArrayList<>();
            for (ContinueWatchingEntry e :
                    ContinueWatchingReference.row(user.getValue(), catalog, settings, last + 1)) {
                row.add(
                        new Entry(
                                e.titleId(),
                                e.showId().equals(e.titleId()) ? null : e.showId(),
                                e.positionMs(),
                                e.lastWatchedAt(),
                                e.device().name()));
            }
            if (!row.isEmpty()) {
                rows.put(user.getKey(), row);
            }
        }
        return rows;
    }

    private static long handOffs(Map<String, List<Entry>> rows) {
        return rows.values().stream()
                .flatMap(List::stream)
                .filter(e -> e.seriesId() != null && e.positionMs() == 0)
                .count();
    }

    private static void send(String prefix, Traffic traffic) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (GeneratedRecord record : traffic.records) {
            String topic =
                    prefix
                            + (record.kind() == TopicKind.CATALOG
                                    ? ContinueWatchingOptions.CATALOG_TOPIC.defaultValue()
                                    : ContinueWatchingOptions.PLAYBACK_TOPIC.defaultValue());
            records.add(
                    new ProducerRecord<>(
                            topic,
                            null,
                            record.eventTime(),
                            record.key() == null
                                    ? null
                                    : record.key().getBytes(StandardCharsets.UTF_8),
                            record.value()));
        }
        SERVICES.sendRecords(records);
    }

    private static void runJob(String prefix, String keyspace) throws Exception {
        Configuration conf = new Configuration();
        conf.set(IngestOptions.BOOTSTRAP_SERVERS, SERVICES.bootstrapServers());
        conf.set(IngestOptions.GROUP_ID, "continue-watching-itcase");
        // Events wait until the catalog (read at the same time) is surely in broadcast state.
        conf.set(IngestOptions.OUT_OF_ORDERNESS, Duration.ofMinutes(10));
        for (var option :
                List.of(
                        ContinueWatchingOptions.PLAYBACK_TOPIC,
                        ContinueWatchingOptions.CATALOG_TOPIC,
                        ContinueWatchingOptions.DEAD_LETTER_TOPIC)) {
            conf.set(option, prefix + option.defaultValue());
        }
        ContinueWatchingOptions options = ContinueWatchingOptions.fromConfig(conf);
        var contact = SERVICES.cassandra().contactPoint();
        CassandraOptions cassandra =
                CassandraOptions.of(contact.getHostString() + ":" + contact.getPort(), keyspace)
                        .with(
                                CassandraOptions.LOCAL_DATACENTER,
                                SERVICES.cassandra().localDatacenter());

        Configuration envConf = new Configuration();
        envConf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(envConf);
        env.setParallelism(2);
        new ContinueWatchingJob(
                        options,
                        boundedSource(options.playbackTopic()),
                        boundedSource(options.catalogTopic()),
                        CassandraSink.builder(
                                        new ContinueWatchingTable(options.settings().maxEntries()))
                                .options(cassandra)
                                .build(),
                        KafkaDeadLetterSink.create(options.ingest(), options.deadLetterTopic()))
                .build(env);
        env.execute("continue-watching-itcase");
    }

    private static KafkaSource<RawRecord> boundedSource(String topic) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(SERVICES.bootstrapServers())
                .setTopics(topic)
                .setGroupId("continue-watching-itcase")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(new RawRecordDeserializer())
                .build();
    }

    private static String migratedKeyspace() {
        String keyspace = SERVICES.uniqueKeyspace();
        try (CqlSession session = SERVICES.newSession()) {
            new SchemaMigrator(session).applyLocal(keyspace);
        }
        return keyspace;
    }

    private static Map<String, List<Entry>> cassandraRows(String keyspace) {
        Map<String, List<Entry>> rows = new HashMap<>();
        try (CqlSession session = SERVICES.newSession(keyspace)) {
            for (Row row : session.execute("SELECT user_id, cw_row FROM continue_watching")) {
                List<Entry> entries = new ArrayList<>();
                for (UdtValue v : row.getList("cw_row", UdtValue.class)) {
                    entries.add(
                            new Entry(
                                    v.getString("title_id"),
                                    v.getString("series_id"),
                                    v.getLong("position_ms"),
                                    v.getInstant("last_watched").toEpochMilli(),
                                    v.getString("device")));
                }
                rows.put(row.getString("user_id"), entries);
            }
        }
        return rows;
    }
}
