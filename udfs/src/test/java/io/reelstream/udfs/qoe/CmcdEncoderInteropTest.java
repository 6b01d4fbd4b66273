package io.reelstream.udfs.qoe;

import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.qoe.SessionSummary;
import io.reelstream.udfs.qoe.cmcd.CmcdDecoder;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interop with a CMCD encoder this project did not write: the build runs interop/cmcd/generate.mjs,
 * which simulates players and encodes their reports with @svta/cml-cmcd (v1 query, v1 headers, v2
 * event mode, v2 request mode, and v1 requests mixed with v2 play-state events), and writes the
 * ground truth of every playback. Each record goes through the real decoder and the per-playback
 * operator, arriving in receive order and again shuffled within the watermark's bound, and every
 * playback's summary must match its truth: EBVS and VSF exactly, rebuffer count exactly, startup
 * within 50 ms, rebuffer ratio within 0.005.
 */
class CmcdEncoderInteropTest {

    private static final Path DIR = Path.of("target", "cmcd-interop");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long OUT_OF_ORDERNESS_MS = 5_000;

    private static List<byte[]> traffic;
    private static Map<String, JsonNode> truth;

    @BeforeAll
    static void readGeneratedTraffic() throws IOException {
        traffic = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve("traffic.jsonl"))) {
            if (!line.isBlank()) {
                traffic.add(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        truth = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DIR.resolve("truth.jsonl"))) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                truth.put(node.get("playbackId").asText(), node);
            }
        }
    }

    @Test
    void everyPlaybackOfEveryKindMatchesItsTruthInReceiveOrder() throws Exception {
        assertMatchesTruth(summarize(samplesInReceiveOrder()));
    }

    @Test
    void resultsDoNotDependOnArrivalOrderWithinTheWatermarkBound() throws Exception {
        List<PlaybackSample> byEventTime = new ArrayList<>(samplesInReceiveOrder());
        byEventTime.sort(Comparator.comparingLong(PlaybackSample::eventTime));
        List<PlaybackSample> shuffled = shuffleWithinBound(byEventTime, new Random(11));
        Map<String, SessionSummary> inOrder = summarize(byEventTime);
        Map<String, SessionSummary> reordered = summarize(shuffled);
        List<String> different =
                inOrder.keySet().stream()
                        .filter(id -> !inOrder.get(id).equals(reordered.get(id)))
                        .map(id -> inOrder.get(id) + " became " + reordered.get(id))
                        .toList();
        assertThat(different).isEmpty();
        assertMatchesTruth(reordered);
    }

    @Test
    void everyKindIsCovered() {
        Map<String, Long> perKind =
                truth.values().stream()
                        .collect(
                                Collectors.groupingBy(
                                        t -> t.get("kind").asText(),
                                        TreeMap::new,
                                        Collectors.counting()));
        assertThat(perKind)
                .containsOnlyKeys("mixed", "v1-headers", "v1-query", "v2-events", "v2-requests");
        assertThat(perKind.values()).allMatch(n -> n >= 20);
        assertThat(truth.values()).anyMatch(t -> t.get("exitBeforeStart").asBoolean());
        assertThat(truth.values()).anyMatch(t -> t.get("startFailure").asBoolean());
        assertThat(truth.values()).anyMatch(t -> t.get("rebufferCount").asInt() >= 3);
    }

    private static void assertMatchesTruth(Map<String, SessionSummary> summaries) {
        assertThat(summaries.keySet()).containsExactlyInAnyOrderElementsOf(truth.keySet());
        List<String> mismatches = new ArrayList<>();
        for (JsonNode expected : truth.values()) {
            String id = expected.get("playbackId").asText();
            SessionSummary actual = summaries.get(id);
            check(
                    mismatches,
                    id,
                    "EBVS",
                    expected.get("exitBeforeStart").asBoolean(),
                    actual.exitBeforeStart());
            check(
                    mismatches,
                    id,
                    "VSF",
                    expected.get("startFailure").asBoolean(),
                    actual.startFailure());
            check(mismatches, id, "started", expected.get("started").asBoolean(), actual.started());
            if (!expected.get("started").asBoolean()) {
                continue;
            }
            check(
                    mismatches,
                    id,
                    "rebufferCount",
                    expected.get("rebufferCount").asInt(),
                    actual.rebufferCount());
            long startup = expected.get("startupMs").asLong();
            if (actual.startupMs() == null || Math.abs(actual.startupMs() - startup) > 50) {
                mismatches.add(id + " startup " + actual.startupMs() + " != " + startup);
            }
            double ratio = expected.get("rebufferRatio").asDouble();
            if (actual.rebufferRatio() == null
                    || Math.abs(actual.rebufferRatio() - ratio) > 0.005) {
                mismatches.add(id + " ratio " + actual.rebufferRatio() + " != " + ratio);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static void check(
            List<String> mismatches, String id, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            mismatches.add(id + " " + what + " " + actual + " != " + expected);
        }
    }

    private static List<PlaybackSample> samplesInReceiveOrder() {
        CmcdDecoder decoder = CmcdDecoder.of(io.reelstream.schemas.json.DecodeLimits.defaults());
        List<PlaybackSample> samples = new ArrayList<>();
        long offset = 0;
        for (byte[] value : traffic) {
            RawRecord record = new RawRecord("cmcd", 0, offset++, -1, null, value);
            DecodeResult<List<PlaybackSample>> result = decoder.decode(record, Long.MAX_VALUE / 2);
            assertThat(result)
                    .as(new String(value, StandardCharsets.UTF_8))
                    .isInstanceOf(DecodeResult.Ok.class);
            samples.addAll(((DecodeResult.Ok<List<PlaybackSample>>) result).value());
        }
        return samples;
    }

    /**
     * Delays every sample by a random 0 to 4 s (less than the watermark's bound, so none arrives
     * after the watermark has passed it); samples of one instant end up in random order.
     */
    private static List<PlaybackSample> shuffleWithinBound(
            List<PlaybackSample> samples, Random random) {
        List<PlaybackSample> shuffled = new ArrayList<>(samples);
        Collections.shuffle(shuffled, random);
        Map<PlaybackSample, Long> arrival = new java.util.IdentityHashMap<>();
        for (PlaybackSample sample : shuffled) {
            arrival.put(sample, sample.eventTime() + random.nextInt(4_000));
        }
        shuffled.sort(Comparator.comparingLong(arrival::get));
        return shuffled;
    }

    /** Runs the per-playback operator with bounded-out-of-orderness watermarks, as the job does. */
    private static Map<String, SessionSummary> summarize(List<PlaybackSample> samples)
            throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, PlaybackSample, SessionSummary>
                harness = QoeFixtures.openSessionHarness()) {
            long maxSeen = Long.MIN_VALUE;
            for (PlaybackSample sample : samples) {
                harness.processElement(sample, sample.eventTime());
                maxSeen = Math.max(maxSeen, sample.eventTime());
                harness.processWatermark(maxSeen - OUT_OF_ORDERNESS_MS - 1);
            }
            harness.processWatermark(Long.MAX_VALUE);
            assertThat(harness.numKeyedStateEntries()).isZero();
            return harness.extractOutputValues().stream()
                    .collect(Collectors.toMap(SessionSummary::playbackId, Function.identity()));
        }
    }
}
