package io.reelstream.tests.evolution;

import io.reelstream.generator.GeneratedRecord;
import io.reelstream.generator.GeneratorConfig;
import io.reelstream.generator.TopicKind;
import io.reelstream.generator.TrafficGenerator;
import io.reelstream.tests.support.SharedServices;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The QoE job's savepoint fixture of state schema v1 ({@code savepoints/qoe-v1}): its topics, its
 * generated input (two hours of telemetry and CMCD echoes of 200 members, in two phases) and where
 * it lives. Shared by the writer ({@link QoeSavepointWriterITCase}, run with the release the
 * fixture stands for) and the restore test ({@link QoeStateEvolutionITCase}).
 */
final class QoeSavepoints {

    /** Test resource folder of the fixture. */
    static final String RESOURCE = "savepoints/qoe-v1";

    static final Path SOURCE_FOLDER = Path.of("src", "test", "resources", RESOURCE);

    /** Topic prefix of the writer and the restore: the savepoint's source state names them. */
    static final String PREFIX = "evolution-qoe.";

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

    /** Two hours of generated QoE traffic (telemetry and CMCD v1 echoes) in two phases. */
    static List<FixtureRecord> generate() {
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
                            qoe ? qoeTopic(PREFIX) : cmcdTopic(PREFIX),
                            Math.floorMod(key.hashCode(), PARTITIONS),
                            record.eventTime(),
                            key,
                            new String(record.value(), StandardCharsets.UTF_8)));
        }
    }
}
