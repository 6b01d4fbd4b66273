package io.reelstream.tests.qoe;

import io.reelstream.tests.support.SharedServices;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CMCD from a maintained encoder this project did not write (@svta/cml-cmcd, run by the build from
 * interop/cmcd/generate.mjs) through the real QoE job on real Kafka and Cassandra, at parallelism 2
 * over two partitions: 200 playbacks of players that report v1 query, v1 headers, v2 events, v2
 * requests, and v1 requests mixed with v2 play-state events. Every playback's {@code playback_qoe}
 * row must match its ground truth: EBVS and VSF exactly, rebuffer count exactly, startup within 50
 * ms, rebuffer ratio within 0.005.
 */
class CmcdInteropITCase {

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    private static final Path DIR = Path.of("target", "cmcd-interop");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyPlaybackRowMatchesTheEncodersGroundTruth() throws Exception {
        String prefix = SERVICES.uniqueTopicPrefix();
        SERVICES.createTopic(prefix + "reelstream.qoe.v1", 2);
        SERVICES.createTopic(prefix + "reelstream.cmcd.v1", 2);
        SERVICES.createTopics(prefix);
        String keyspace = QoeJobRun.migratedKeyspace(SERVICES);
        SERVICES.sendRecords(records(prefix + "reelstream.cmcd.v1"));

        QoeJobRun.run(SERVICES, prefix, keyspace, "cmcd-interop-itcase");

        Map<String, JsonNode> truth = truth();
        Map<String, Row> rows = rows(keyspace);
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(truth.keySet());
        List<String> mismatches = new ArrayList<>();
        Map<String, Integer> perKind = new HashMap<>();
        for (JsonNode expected : truth.values()) {
            String id = expected.get("playbackId").asText();
            perKind.merge(expected.get("kind").asText(), 1, Integer::sum);
            Row row = rows.get(id);
            expect(
                    mismatches,
                    id,
                    "EBVS",
                    expected.get("exitBeforeStart").asBoolean(),
                    row.getBoolean("exit_before_start"));
            expect(
                    mismatches,
                    id,
                    "VSF",
                    expected.get("startFailure").asBoolean(),
                    row.getBoolean("start_failure"));
            if (!expected.get("started").asBoolean()) {
                expect(mismatches, id, "startup", true, row.isNull("startup_ms"));
                continue;
            }
            expect(
                    mismatches,
                    id,
                    "rebuffers",
                    expected.get("rebufferCount").asInt(),
                    row.getInt("rebuffer_count"));
            long startup = expected.get("startupMs").asLong();
            if (row.isNull("startup_ms") || Math.abs(row.getLong("startup_ms") - startup) > 50) {
                mismatches.add(id + " startup " + row.getObject("startup_ms") + " != " + startup);
            }
            double ratio = expected.get("rebufferRatio").asDouble();
            if (row.isNull("rebuffer_ratio")
                    || Math.abs(row.getDouble("rebuffer_ratio") - ratio) > 0.005) {
                mismatches.add(id + " ratio " + row.getObject("rebuffer_ratio") + " != " + ratio);
            }
        }
        System.out.println("[cmcd-interop-itcase] playbacks per kind: " + perKind);
        mismatches.stream()
                .map(m -> m.substring(0, m.indexOf(' ')))
                .distinct()
                .forEach(
                        id ->
                                System.out.println(
                                        "[cmcd-interop-itcase] " + describe(rows.get(id))));
        assertThat(perKind).hasSize(5);
        assertThat(mismatches).isEmpty();
    }

    private static String describe(Row row) {
        return row.getString("playback_id")
                + " end="
                + row.getString("end_reason")
                + " startup="
                + row.getObject("startup_ms")
                + "/"
                + row.getString("startup_source")
                + " rebuffers="
                + row.getInt("rebuffer_count")
                + "/"
                + row.getString("rebuffer_count_source")
                + " ms="
                + row.getLong("rebuffer_ms")
                + "/"
                + row.getString("rebuffer_duration_source")
                + " play="
                + row.getLong("play_ms")
                + " span="
                + row.getInstant("started_at")
                + ".."
                + row.getInstant("ended_at");
    }

    private static void expect(
            List<String> mismatches, String id, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            mismatches.add(id + " " + what + " " + actual + " != " + expected);
        }
    }

    /** The encoder's records in receive order, keyed by playback, timestamped at receive time. */
    private static List<ProducerRecord<byte[], byte[]>> records(String topic) throws Exception {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve("traffic.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode record = JSON.readTree(line);
            String playback = record.get("userId").asText().substring("u-".length());
            records.add(
                    new ProducerRecord<>(
                            topic,
                            null,
                            record.get("eventTime").asLong(),
                            playback.getBytes(StandardCharsets.UTF_8),
                            line.getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    private static Map<String, JsonNode> truth() throws Exception {
        Map<String, JsonNode> truth = new HashMap<>();
        for (String line : Files.readAllLines(DIR.resolve("truth.jsonl"))) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                truth.put(node.get("playbackId").asText(), node);
            }
        }
        return truth;
    }

    private static Map<String, Row> rows(String keyspace) {
        Map<String, Row> rows = new HashMap<>();
        try (CqlSession session = SERVICES.newSession(keyspace)) {
            for (Row row : session.execute("SELECT * FROM playback_qoe")) {
                rows.put(row.getString("playback_id"), row);
            }
        }
        return rows;
    }
}
