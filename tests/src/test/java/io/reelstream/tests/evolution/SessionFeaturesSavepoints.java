package io.reelstream.tests.evolution;

import io.reelstream.generator.GeneratedRecord;
import io.reelstream.generator.GeneratorConfig;
import io.reelstream.generator.TopicKind;
import io.reelstream.generator.TrafficGenerator;
import io.reelstream.pipelines.features.SessionFeaturesJob;
import io.reelstream.pipelines.features.SessionFeaturesOptions;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.cassandra.CassandraSettings;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.ingest.StartingOffsets;

import org.apache.flink.configuration.Configuration;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The session features job's savepoint fixture of state schema v1 ({@code
 * savepoints/session-features-v<N>}): its topics, its generated input (two hours of playback and
 * search of 60 members and the catalog, in two phases) and the job both runs use. Shared by the
 * writer ({@link SessionFeaturesSavepointWriterITCase}, run with the release the fixture stands
 * for) and the restore test ({@link SessionFeaturesStateEvolutionITCase}).
 */
final class SessionFeaturesSavepoints {

    /**
     * The state schema version of the code that runs now: the writer stores its fixture under
     * {@link #resource} of this version (state v2 = one value per member, issue 15).
     */
    static final int CURRENT_STATE_VERSION = 2;

    /** Test resource folder of the fixture written with state schema {@code version}. */
    static String resource(int version) {
        return "savepoints/session-features-v" + version;
    }

    /** Source folder the writer copies the fixture of {@code version} into. */
    static Path sourceFolder(int version) {
        return Path.of("src", "test", "resources", resource(version));
    }

    /** Topic prefix of the writer and the restore: the savepoint's source state names them. */
    static final String PREFIX = "evolution-features.";

    static final String GROUP_ID = "session-features-evolution";
    static final int PARTITIONS = 2;

    static final long START = Instant.parse("2026-11-01T18:00:00Z").toEpochMilli();
    static final long PHASE_TWO_FROM = START + Duration.ofMinutes(60).toMillis();
    static final long END = START + Duration.ofMinutes(120).toMillis();

    private static final Set<TopicKind> INPUTS =
            Set.of(TopicKind.CATALOG, TopicKind.PLAYBACK, TopicKind.SEARCH);

    private SessionFeaturesSavepoints() {}

    /** The input topics under {@code prefix} (kept forever: the fixture's times are old). */
    static List<String> createTopics(SharedServices services, String prefix) throws Exception {
        List<String> inputs = INPUTS.stream().map(kind -> topic(prefix, kind)).sorted().toList();
        Map<String, Integer> partitions = new HashMap<>();
        inputs.forEach(topic -> partitions.put(topic, PARTITIONS));
        ContinueWatchingSavepoints.createKeptForever(services, partitions);
        services.createTopics(prefix);
        return inputs;
    }

    static String topic(String prefix, TopicKind kind) {
        return prefix
                + switch (kind) {
                    case PLAYBACK -> SessionFeaturesOptions.PLAYBACK_TOPIC.defaultValue();
                    case SEARCH -> SessionFeaturesOptions.SEARCH_TOPIC.defaultValue();
                    case CATALOG -> SessionFeaturesOptions.CATALOG_TOPIC.defaultValue();
                    default -> throw new IllegalArgumentException("not an input: " + kind);
                };
    }

    /**
     * The production job on the prefixed topics: unbounded sources from the earliest offset,
     * committing offsets on checkpoints; only topics, group and the allowed lateness (one hour, as
     * in {@code SessionFeaturesITCase}, so the reference accepts the same events) differ from prod.
     */
    static SessionFeaturesJob job(SharedServices services, String prefix, String keyspace) {
        var contact = services.cassandra().contactPoint();
        Configuration conf =
                CassandraSettings.of(contact.getHostString() + ":" + contact.getPort(), keyspace)
                        .with(
                                CassandraOptions.LOCAL_DATACENTER,
                                services.cassandra().localDatacenter())
                        .toConfiguration();
        conf.set(IngestOptions.BOOTSTRAP_SERVERS, services.bootstrapServers());
        conf.set(IngestOptions.GROUP_ID, GROUP_ID);
        conf.set(IngestOptions.STARTING_OFFSETS, StartingOffsets.EARLIEST);
        for (var option :
                List.of(
                        SessionFeaturesOptions.PLAYBACK_TOPIC,
                        SessionFeaturesOptions.SEARCH_TOPIC,
                        SessionFeaturesOptions.CATALOG_TOPIC,
                        SessionFeaturesOptions.OUTPUT_TOPIC,
                        SessionFeaturesOptions.DEAD_LETTER_TOPIC)) {
            conf.set(option, prefix + option.defaultValue());
        }
        conf.set(SessionFeaturesOptions.ALLOWED_LATENESS, Duration.ofHours(1));
        return SessionFeaturesJob.fromConfiguration(conf);
    }

    /** Two hours of generated playback and search (and the catalog first) in two phases. */
    static List<FixtureRecord> generate() {
        TrafficGenerator generator =
                new TrafficGenerator(
                        GeneratorConfig.builder()
                                .seed(13)
                                .users(60)
                                .titles(80)
                                .startMillis(START)
                                .speedUp(600)
                                .malformedShare(0)
                                .build());
        List<FixtureRecord> records = new ArrayList<>();
        while (true) {
            GeneratedRecord record = generator.next();
            if (record.kind() != TopicKind.CATALOG && record.eventTime() >= END) {
                return records;
            }
            if (!INPUTS.contains(record.kind())) {
                continue;
            }
            String key = record.key() == null ? "" : record.key();
            boolean phaseTwo =
                    record.kind() != TopicKind.CATALOG && record.eventTime() >= PHASE_TWO_FROM;
            records.add(
                    new FixtureRecord(
                            phaseTwo ? 2 : 1,
                            topic(PREFIX, record.kind()),
                            Math.floorMod(key.hashCode(), PARTITIONS),
                            record.eventTime(),
                            key,
                            new String(record.value(), StandardCharsets.UTF_8)));
        }
    }

    /** The fixture's records as the generator made them, for {@code SessionFeaturesReference}. */
    static List<GeneratedRecord> asGenerated(List<FixtureRecord> input) {
        List<GeneratedRecord> records = new ArrayList<>();
        for (FixtureRecord r : input) {
            TopicKind kind =
                    INPUTS.stream()
                            .filter(k -> r.topic().equals(topic(PREFIX, k)))
                            .findFirst()
                            .orElseThrow();
            records.add(
                    new GeneratedRecord(
                            kind,
                            r.key().isEmpty() ? null : r.key(),
                            r.value().getBytes(StandardCharsets.UTF_8),
                            r.timestamp(),
                            null));
        }
        return records;
    }

    /** The records of {@code phase} on the topics of {@code prefix}. */
    static List<FixtureRecord> onTopics(List<FixtureRecord> input, int phase, String prefix) {
        return input.stream()
                .filter(r -> r.phase() == phase)
                .map(
                        r ->
                                new FixtureRecord(
                                        r.phase(),
                                        prefix + r.topic().substring(PREFIX.length()),
                                        r.partition(),
                                        r.timestamp(),
                                        r.key(),
                                        r.value()))
                .toList();
    }
}
