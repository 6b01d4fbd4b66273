package io.reelstream.tests.continuewatching;

import io.reelstream.generator.GeneratedRecord;
import io.reelstream.generator.GeneratorConfig;
import io.reelstream.generator.KafkaTrafficWriter;
import io.reelstream.generator.TopicKind;
import io.reelstream.generator.Topics;
import io.reelstream.generator.TrafficGenerator;
import io.reelstream.localstack.schema.SchemaMigrator;
import io.reelstream.pipelines.continuewatching.ContinueWatchingJob;
import io.reelstream.pipelines.continuewatching.ContinueWatchingJobSettings;
import io.reelstream.pipelines.continuewatching.ContinueWatchingOptions;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.udfs.cassandra.CassandraSettings;
import io.reelstream.udfs.continuewatching.CatalogTitle;
import io.reelstream.udfs.continuewatching.ContinueWatchingEntry;
import io.reelstream.udfs.continuewatching.ContinueWatchingReference;
import io.reelstream.udfs.continuewatching.model.CatalogLookup;
import io.reelstream.udfs.continuewatching.model.ContinueWatchingSettings;
import io.reelstream.udfs.continuewatching.model.InMemoryCatalog;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.ingest.RawRecordSchema;

import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.UdtValue;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Generator traffic for the continue-watching job as its ITCases use it (three hours of binges,
 * device switches, seeks and malformed records; catalog first), the reference rows computed from
 * the same events, and the rows read back from Cassandra, so every ITCase of the job compares the
 * same way.
 *
 * @param records the generated catalog and playback records, in generator order
 * @param playback the valid playback events among them
 * @param catalog the catalog titles
 * @param malformed how many records are malformed (dead letters)
 */
public record ContinueWatchingTraffic(
        List<GeneratedRecord> records,
        List<PlaybackEvent> playback,
        List<CatalogRecord> catalog,
        int malformed) {

    /** Longer than any pause of the ITCases' input. */
    public static final Duration IDLENESS = Duration.ofMinutes(10);

    /** The served fields of one entry, as read back from Cassandra. */
    public record Entry(
            String titleId, String seriesId, long positionMs, long lastWatchedAt, String device) {}

    /** The catalog and playback records with event times in {@code [start, end]}. */
    public static ContinueWatchingTraffic generate(long start, long end) {
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
                EventCodecs.playbackDecoder(IngestOptions.from(new Configuration()).decodeLimits());
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
        return new ContinueWatchingTraffic(
                records, playback, generator.catalog().titles(), malformed);
    }

    /** The non-empty reference row of every user after all playback events. */
    public Map<String, List<Entry>> referenceRows(ContinueWatchingSettings settings) {
        InMemoryCatalog titles = new InMemoryCatalog();
        for (CatalogRecord title : catalog) {
            titles.put(CatalogTitle.of(title));
        }
        Map<String, List<PlaybackEvent>> byUser = new HashMap<>();
        long last = Long.MIN_VALUE;
        for (PlaybackEvent event : playback) {
            byUser.computeIfAbsent(event.userId(), u -> new ArrayList<>()).add(event);
            last = Math.max(last, event.eventTime());
        }
        return referenceRows(byUser, titles, settings, last + 1);
    }

    /** The non-empty reference row of every user of {@code byUser} at event time {@code now}. */
    public static Map<String, List<Entry>> referenceRows(
            Map<String, List<PlaybackEvent>> byUser,
            CatalogLookup catalog,
            ContinueWatchingSettings settings,
            long now) {
        Map<String, List<Entry>> rows = new HashMap<>();
        for (Map.Entry<String, List<PlaybackEvent>> user : byUser.entrySet()) {
            List<Entry> row = new ArrayList<>();
            for (ContinueWatchingEntry e :
                    ContinueWatchingReference.row(user.getValue(), catalog, settings, now)) {
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

    /** Entries that hand off to the next episode (series, position 0). */
    public static long handOffs(Map<String, List<Entry>> rows) {
        return rows.values().stream()
                .flatMap(List::stream)
                .filter(e -> e.seriesId() != null && e.positionMs() == 0)
                .count();
    }

    /**
     * Producer records for {@code batch} (Kafka timestamp = event time) on the job's default
     * catalog and playback topics under {@code prefix}.
     */
    public static List<ProducerRecord<byte[], byte[]>> producerRecords(
            String prefix, List<GeneratedRecord> batch) {
        return KafkaTrafficWriter.producerRecords(new Topics(prefix), batch);
    }

    /** Every row of continue_watching in {@code keyspace}, empty rows included. */
    public static Map<String, List<Entry>> cassandraRows(SharedServices services, String keyspace) {
        Map<String, List<Entry>> rows = new HashMap<>();
        try (CqlSession session = services.newSession(keyspace)) {
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

    /**
     * The job's options on the shared services: topics under {@code prefix}, consumer {@code
     * group}, 10 minutes of out-of-orderness, so events wait until the catalog (read at the same
     * time) is surely in broadcast state, and {@link #IDLENESS}.
     */
    public static Configuration configuration(
            SharedServices services, String prefix, String group) {
        Configuration conf = new Configuration();
        conf.set(IngestOptions.BOOTSTRAP_SERVERS, services.bootstrapServers());
        conf.set(IngestOptions.GROUP_ID, group);
        conf.set(IngestOptions.OUT_OF_ORDERNESS, Duration.ofMinutes(10));
        // Input may arrive in bursts after pauses: no partition is declared idle meanwhile (an
        // idle one would let the others' watermark run ahead and turn its records late).
        conf.set(IngestOptions.IDLENESS, IDLENESS);
        for (var option :
                List.of(
                        ContinueWatchingOptions.PLAYBACK_TOPIC,
                        ContinueWatchingOptions.CATALOG_TOPIC,
                        ContinueWatchingOptions.DEAD_LETTER_TOPIC)) {
            conf.set(option, prefix + option.defaultValue());
        }
        return conf;
    }

    /** {@link #configuration} as the job's settings. */
    public static ContinueWatchingJobSettings options(
            SharedServices services, String prefix, String group) {
        return ContinueWatchingOptions.from(configuration(services, prefix, group));
    }

    /** The production graph with these sources, the Cassandra rows sink and Kafka dead letters. */
    public static ContinueWatchingJob job(
            SharedServices services,
            ContinueWatchingJobSettings options,
            String keyspace,
            Source<RawRecord, ?, ?> playback,
            Source<RawRecord, ?, ?> catalog) {
        CassandraSettings cassandra = services.cassandraOptions(keyspace);
        return new ContinueWatchingJob(
                options,
                new ContinueWatchingJob.Sources(playback, catalog),
                ContinueWatchingJob.Sinks.production(options, cassandra));
    }

    /** A Kafka source of {@code topic} from the earliest offset, bounded by {@code stopAt}. */
    public static KafkaSource<RawRecord> boundedSource(
            SharedServices services, String topic, String group, OffsetsInitializer stopAt) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(services.bootstrapServers())
                .setTopics(topic)
                .setGroupId(group)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(stopAt)
                .setDeserializer(new RawRecordSchema())
                .build();
    }

    /** A new keyspace with the schema applied. */
    public static String migratedKeyspace(SharedServices services) {
        String keyspace = services.uniqueKeyspace();
        try (CqlSession session = services.newSession()) {
            new SchemaMigrator(session).applyLocal(keyspace);
        }
        return keyspace;
    }
}
