package io.reelstream.tests.evolution;

import io.reelstream.generator.GeneratedRecord;
import io.reelstream.generator.GeneratorConfig;
import io.reelstream.generator.TopicKind;
import io.reelstream.generator.TrafficGenerator;
import io.reelstream.tests.support.SharedServices;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The QoE job's savepoint fixtures ({@code savepoints/qoe-v<N>}): their topics, their generated
 * input (two hours of telemetry and CMCD echoes of 200 members, in two phases) and where they live.
 * Shared by the writer ({@link QoeSavepointWriterITCase}, run with the code of the state schema a
 * fixture stands for) and the restore test ({@link QoeStateEvolutionITCase}). A savepoint's Kafka
 * splits name its topics, so they are fixed names per version, not unique prefixes.
 *
 * <ul>
 *   <li>v1: the first release ({@code savepoints/qoe-v1}, written with the code of commit 05ee3a0
 *       on the topics {@code evolution-qoe.reelstream.*}).
 *   <li>v2: the five keyed states {@code qoe-session} ({@code PlaybackSessionState} with play
 *       states, CMCD requests and reported values kept apart), {@code qoe-pending-samples-v2},
 *       {@code qoe-pending-samples} (v1 pending samples, still drained), {@code qoe-closed-at} and
 *       {@code qoe-stalls-ahead}; written with the code of commit 3fcb772 on topics of its own,
 *       {@code evolution-qoe-v2.reelstream.*}.
 *   <li>v3: one {@code qoe-playback} value per playback id with an explicit serializer ({@code
 *       PlaybackStateSerializer}); v1 and v2 state is migrated to it per key on first access after
 *       a restore.
 * </ul>
 */
final class QoeSavepoints {

    /**
     * The state schema version of the code the writer runs with: it stores its fixture under {@link
     * #resource} of this version (state v3 = one {@code qoe-playback} value per playback id; its
     * fixture is written with the release after v3, when v3 becomes the previous release). It was 2
     * when {@code qoe-v2} was written with the code of commit 3fcb772.
     */
    static final int CURRENT_STATE_VERSION = 3;

    /** Where its fixtures and their topics are, by version. */
    static final SavepointFixtureLayout LAYOUT = new SavepointFixtureLayout("qoe", "qoe");

    static final String GROUP_ID = "qoe-evolution";
    static final int PARTITIONS = 2;

    static final long START = Instant.parse("2026-11-01T18:00:00Z").toEpochMilli();
    static final long PHASE_TWO_FROM = START + Duration.ofMinutes(60).toMillis();
    static final long END = START + Duration.ofMinutes(120).toMillis();

    private QoeSavepoints() {}

    /** The input topics under {@code prefix}, kept forever (the fixture's times are old). */
    static List<String> createTopics(SharedServices services, String prefix) throws Exception {
        List<String> inputs = List.of(qoeTopic(prefix), cmcdTopic(prefix));
        Map<String, Integer> partitions = new HashMap<>();
        inputs.forEach(topic -> partitions.put(topic, PARTITIONS));
        ContinueWatchingSavepoints.createKeptForever(services, partitions);
        services.createTopics(prefix);
        return inputs;
    }

    static String qoeTopic(String prefix) {
        return prefix + "reelstream.qoe.v1";
    }

    static String cmcdTopic(String prefix) {
        return prefix + "reelstream.cmcd.v1";
    }

    /**
     * Two hours of generated QoE traffic (telemetry and CMCD v1 echoes) in two phases, on the
     * topics of the fixture of {@code version} (the same generator settings for every version).
     */
    static List<FixtureRecord> generate(int version) {
        String prefix = LAYOUT.topicPrefix(version);
        TrafficGenerator generator =
                new TrafficGenerator(
                        GeneratorConfig.builder()
                                .seed(11)
                                .users(200)
                                .titles(60)
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
            boolean qoe = record.kind() == TopicKind.QOE;
            if (!qoe && record.kind() != TopicKind.CMCD) {
                continue;
            }
            String key = record.key() == null ? "" : record.key();
            records.add(
                    new FixtureRecord(
                            record.eventTime() >= PHASE_TWO_FROM ? 2 : 1,
                            qoe ? qoeTopic(prefix) : cmcdTopic(prefix),
                            Math.floorMod(key.hashCode(), PARTITIONS),
                            record.eventTime(),
                            key,
                            new String(record.value(), StandardCharsets.UTF_8)));
        }
    }
}
