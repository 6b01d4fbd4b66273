package io.reelstream.udfs.ingest;

import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.deadletter.DeadLetters;
import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.EventDecoder;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.schemas.events.TitleKind;
import io.reelstream.schemas.json.DecodeLimits;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.udfs.qoe.PlaybackSample;
import io.reelstream.udfs.qoe.cmcd.CmcdDecoder;
import io.reelstream.udfs.recs.ItemFactorCodec;
import io.reelstream.udfs.recs.ItemFactorUpdate;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.clock.RelativeClock;
import org.apache.flink.util.clock.SystemClock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test per kind of bad input that is judged at decoding (issue #9, "Bad input"): each drives
 * the production {@link DecodeFunction} with the production decoder through a harness, sends a
 * valid record, the bad one and another valid record, and asserts that the bad one leaves through
 * the dead-letter side output with its reason and original bytes, moves exactly its per-reason
 * counter, and that both valid neighbours come out unchanged. Kinds judged elsewhere (lateness,
 * duplicates, Cassandra rows) are mapped in docs/event-contracts.md.
 */
class BadInputKindsTest {

    private static final long NOW = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final String GROUP = DecodeFunction.METRIC_GROUP;
    private static final String PLAYBACK_TOPIC = "reelstream.playback.v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DecodeLimits LIMITS = DecodeLimits.defaults();

    @Test
    void malformedJsonIsDeadLetteredAndNeighboursPass() throws Exception {
        playbackRun()
                .assertOnlyBadOneDeadLettered(
                        bytes("{\"v\":1,\"eventId\":\"e-x\" \"type\":START}"),
                        RejectReason.MALFORMED_JSON);
    }

    @Test
    void truncatedBytesAreDeadLetteredAndNeighboursPass() throws Exception {
        byte[] whole = EventCodecs.playbackEncoder().encode(playback("e-x", NOW - 1_500));
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

        playbackRun().assertOnlyBadOneDeadLettered(truncated, RejectReason.MALFORMED_JSON);
    }

    @Test
    void missingRequiredFieldIsDeadLetteredAndNeighboursPass() throws Exception {
        ObjectNode json = playbackJson("e-x");
        json.remove("userId");

        playbackRun()
                .assertOnlyBadOneDeadLettered(
                        JSON.writeValueAsBytes(json), RejectReason.MISSING_FIELD);
    }

    @Test
    void nullRequiredFieldIsDeadLetteredAsMissingAndNeighboursPass() throws Exception {
        ObjectNode json = playbackJson("e-x");
        json.putNull("titleId");

        playbackRun()
                .assertOnlyBadOneDeadLettered(
                        JSON.writeValueAsBytes(json), RejectReason.MISSING_FIELD);
    }

    @Test
    void nullRecordKeyOnKeyedTopicIsDeadLetteredAndNeighboursPass() throws Exception {
        Run<CatalogRecord> run =
                new Run<>(EventCodecs.catalogDecoder(LIMITS), "reelstream.catalog.v1");
        CatalogRecord before = title("t-1");
        CatalogRecord after = title("t-2");
        byte[] keyless = EventCodecs.catalogEncoder().encode(title("t-x"));

        run.assertOnlyBadOneDeadLettered(
                keyed(before),
                new RawRecord("reelstream.catalog.v1", 0, 1, NOW, null, keyless),
                keyed(after),
                RejectReason.NULL_KEY,
                List.of(before, after));
    }

    @Test
    void unknownEventTypeIsDeadLetteredAndNeighboursPass() throws Exception {
        ObjectNode json = playbackJson("e-x");
        json.put("type", "TELEPORT");

        playbackRun()
                .assertOnlyBadOneDeadLettered(
                        JSON.writeValueAsBytes(json), RejectReason.UNKNOWN_EVENT_TYPE);
    }

    @Test
    void unknownEnumValueIsDeadLetteredAndNeighboursPass() throws Exception {
        ObjectNode json = playbackJson("e-x");
        json.put("deviceType", "FRIDGE");

        playbackRun()
                .assertOnlyBadOneDeadLettered(
                        JSON.writeValueAsBytes(json), RejectReason.UNKNOWN_ENUM_VALUE);
    }

    @Test
    void negativePositionIsDeadLetteredAndNeighboursPass() throws Exception {
        ObjectNode json = playbackJson("e-x");
        json.put("positionMs", -5_000);

        playbackRun()
                .assertOnlyBadOneDeadLettered(
                        JSON.writeValueAsBytes(json), RejectReason.INVALID_VALUE);
    }

    @Test
    void positionFarPastTheRuntimeIsDeadLetteredAndNeighboursPass() throws Exception {
        ObjectNode json = playbackJson("e-x");
        json.put("positionMs", 1_000_000 + 3_600_000); // runtime + 1 h, tolerance is 60 s

        playbackRun()
                .assertOnlyBadOneDeadLettered(
                        JSON.writeValueAsBytes(json), RejectReason.INVALID_VALUE);
    }

    @Test
    void absurdDurationIsDeadLetteredAndNeighboursPass() throws Exception {
        ObjectNode json = playbackJson("e-x");
        json.put("runtimeMs", 30L * 24 * 3_600_000); // a 30-day title

        playbackRun()
                .assertOnlyBadOneDeadLettered(
                        JSON.writeValueAsBytes(json), RejectReason.INVALID_VALUE);
    }

    @Test
    void negativeDurationIsDeadLetteredAndNeighboursPass() throws Exception {
        ObjectNode json = playbackJson("e-x");
        json.put("runtimeMs", -1);

        playbackRun()
                .assertOnlyBadOneDeadLettered(
                        JSON.writeValueAsBytes(json), RejectReason.INVALID_VALUE);
    }

    @Test
    void farFutureEventTimeIsDeadLetteredAndDoesNotAdvanceTheWatermark() throws Exception {
        PlaybackEvent future = playback("e-x", NOW + 365L * 24 * 3_600_000);
        Run<PlaybackEvent> run = playbackRun();

        run.assertOnlyBadOneDeadLettered(
                EventCodecs.playbackEncoder().encode(future), RejectReason.FUTURE_EVENT_TIME);

        // The jobs assign timestamps and watermarks to the decoded stream (Ingest.decode), so
        // the watermark is generated from what DecodeFunction emitted: the valid neighbours only.
        long newestValid = NOW - 1_000;
        long bound = newestValid - IngestOptions.OUT_OF_ORDERNESS.defaultValue().toMillis() - 1;
        assertThat(watermarkAfter(run.output())).isEqualTo(bound);
        // Sanity check that the assertion can fail: had the event reached the watermark
        // generator, the watermark would have jumped a year ahead.
        assertThat(watermarkAfter(List.of(playback("e-1", NOW - 2_000), future)))
                .isGreaterThan(NOW);
    }

    @Test
    void eventTimeBeforeTheYear2000IsDeadLetteredAndNeighboursPass() throws Exception {
        playbackRun()
                .assertOnlyBadOneDeadLettered(
                        EventCodecs.playbackEncoder().encode(playback("e-x", 1_000L)),
                        RejectReason.INVALID_VALUE);
    }

    @Test
    void oversizedPayloadIsDeadLetteredAndNeighboursPass() throws Exception {
        ObjectNode json = playbackJson("e-x");
        // otherwise valid: unknown fields are ignored, only the size is wrong
        json.put("padding", "x".repeat(DecodeLimits.DEFAULT_MAX_RECORD_BYTES));

        playbackRun()
                .assertOnlyBadOneDeadLettered(JSON.writeValueAsBytes(json), RejectReason.OVERSIZED);
    }

    @Test
    void cmcdWithMalformedKeyIsDeadLetteredAndNeighboursPass() throws Exception {
        Run<PlaybackSample> run = Run.cmcd();
        byte[] before = cmcd("sid=\"s-1\",bl=21300,br=3200");
        byte[] bad = cmcd("sid=\"s-x\",9bl=100"); // keys start with a letter or '*'
        byte[] after = cmcd("sid=\"s-2\",bl=500");

        run.assertOnlyBadOneDeadLettered(
                raw("reelstream.cmcd.v1", 0, before),
                raw("reelstream.cmcd.v1", 1, bad),
                raw("reelstream.cmcd.v1", 2, after),
                RejectReason.MALFORMED_CMCD,
                null);
        assertThat(run.output())
                .extracting(PlaybackSample::playbackId)
                .containsExactly("s-1", "s-2");
    }

    @Test
    void cmcdWithUnknownKeysIsDecodedNotDeadLettered() throws Exception {
        // CTA-5004: receivers ignore keys they do not know (custom and future keys), so an
        // unknown key is not bad input; the record counts as decoded and nothing is lost.
        Run<PlaybackSample> run = Run.cmcd();
        run.process(raw("reelstream.cmcd.v1", 0, cmcd("sid=\"s-1\",bl=100")));
        run.process(
                raw(
                        "reelstream.cmcd.v1",
                        1,
                        cmcd("sid=\"s-2\",bl=200,zz=7,com.example-custom=\"x\",xyz")));

        assertThat(run.output())
                .extracting(PlaybackSample::playbackId)
                .containsExactly("s-1", "s-2");
        assertThat(run.output().get(1).event().bufferMs()).isEqualTo(200);
        assertThat(run.deadLetters()).isEmpty();
        assertThat(run.metrics.count(GROUP, DecodeFunction.EVENTS_DECODED)).isEqualTo(2);
        run.close();
    }

    @Test
    void itemVectorOfTheWrongDimensionIsDeadLetteredAndNeighboursPass() throws Exception {
        int k = 4;
        Run<ItemFactorUpdate> run = new Run<>(new ItemFactorCodec(k), "reelstream.item-factors");
        ItemFactorUpdate before = item("show-1", k);
        ItemFactorUpdate after = item("show-2", k);

        run.assertOnlyBadOneDeadLettered(
                raw("reelstream.item-factors", 0, ItemFactorCodec.encode(before)),
                raw("reelstream.item-factors", 1, ItemFactorCodec.encode(item("show-x", k + 3))),
                raw("reelstream.item-factors", 2, ItemFactorCodec.encode(after)),
                RejectReason.WRONG_DIMENSION,
                null);
        assertThat(run.output())
                .extracting(ItemFactorUpdate::showId)
                .containsExactly("show-1", "show-2");
    }

    // ---------------------------------------------------------------- fixtures

    private static Run<PlaybackEvent> playbackRun() throws Exception {
        return new Run<>(EventCodecs.playbackDecoder(LIMITS), PLAYBACK_TOPIC);
    }

    private static PlaybackEvent playback(String eventId, long eventTime) {
        return new PlaybackEvent(
                1,
                eventId,
                PlaybackEventType.HEARTBEAT,
                eventTime,
                "u-1",
                null,
                DeviceType.TV,
                "DE",
                "t-1",
                "pb-1",
                60_000,
                1_000_000,
                null);
    }

    /** A valid playback record as an editable JSON tree. */
    private static ObjectNode playbackJson(String eventId) throws Exception {
        return (ObjectNode)
                JSON.readTree(EventCodecs.playbackEncoder().encode(playback(eventId, NOW - 1_500)));
    }

    private static CatalogRecord title(String titleId) {
        return new CatalogRecord(
                1,
                titleId,
                "Title " + titleId,
                TitleKind.MOVIE,
                null,
                null,
                null,
                5_400_000,
                null,
                List.of("drama"),
                NOW - 60_000);
    }

    private static long offsetOf(CatalogRecord record) {
        return record.titleId().equals("t-1") ? 0 : 2;
    }

    private static RawRecord keyed(CatalogRecord record) {
        return new RawRecord(
                "reelstream.catalog.v1",
                0,
                offsetOf(record),
                NOW,
                bytes(record.titleId()),
                EventCodecs.catalogEncoder().encode(record));
    }

    private static byte[] cmcd(String body) throws Exception {
        return JSON.writeValueAsBytes(
                Map.of(
                        "v", 1,
                        "eventId", "evt",
                        "eventTime", NOW - 1_000,
                        "cdn", "cdn-a",
                        "deviceType", "TV",
                        "country", "US",
                        "body", body));
    }

    private static ItemFactorUpdate item(String showId, int k) {
        float[] factors = new float[k];
        Arrays.fill(factors, 0.1f);
        return new ItemFactorUpdate(1, showId, factors, 0.5f, 3.0, NOW, 10, 7, NOW);
    }

    private static RawRecord raw(String topic, long offset, byte[] value) {
        return new RawRecord(topic, 0, offset, NOW, null, value);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The watermark the jobs' playback strategy emits after seeing {@code events}. */
    private static long watermarkAfter(List<PlaybackEvent> events) {
        WatermarkStrategy<PlaybackEvent> strategy =
                EventTimeWatermarks.playback(IngestOptions.from(new Configuration()));
        WatermarkGenerator<PlaybackEvent> generator =
                strategy.createWatermarkGenerator(new NoMetrics());
        LastWatermark out = new LastWatermark();
        for (PlaybackEvent event : events) {
            long timestamp = strategy.createTimestampAssigner(null).extractTimestamp(event, NOW);
            generator.onEvent(event, timestamp, out);
        }
        generator.onPeriodicEmit(out);
        return out.timestamp;
    }

    /** One DecodeFunction in a harness with captured metrics. */
    private static final class Run<T> {
        final CapturedMetrics metrics = new CapturedMetrics();
        final String topic;
        final OneInputStreamOperatorTestHarness<RawRecord, T> harness;

        Run(EventDecoder<T> decoder, String topic) throws Exception {
            this(new DecodeFunction<>(decoder, "bad-input-test", () -> NOW), topic);
        }

        Run(DecodeFunction<T> function, String topic) throws Exception {
            this.topic = topic;
            harness =
                    new OneInputStreamOperatorTestHarness<>(
                            new ProcessOperator<>(function), metrics.environment());
            harness.open();
        }

        /** A run of the CMCD decoder, which emits one sample per report. */
        static Run<PlaybackSample> cmcd() throws Exception {
            return new Run<>(
                    DecodeFunction.expanding(CmcdDecoder.of(LIMITS), "bad-input-test", () -> NOW),
                    "reelstream.cmcd.v1");
        }

        void process(RawRecord record) throws Exception {
            harness.processElement(record, record.timestamp());
        }

        List<T> output() {
            return harness.extractOutputValues();
        }

        List<DeadLetter> deadLetters() {
            var side = harness.getSideOutput(DecodeFunction.DEAD_LETTERS);
            return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
        }

        void close() throws Exception {
            harness.close();
        }

        /** Valid playback at offsets 0 and 2 around {@code bad} at offset 1. */
        @SuppressWarnings("unchecked")
        void assertOnlyBadOneDeadLettered(byte[] bad, RejectReason reason) throws Exception {
            PlaybackEvent before = playback("e-0", NOW - 2_000);
            PlaybackEvent after = playback("e-2", NOW - 1_000);
            assertOnlyBadOneDeadLettered(
                    raw(topic, 0, EventCodecs.playbackEncoder().encode(before)),
                    raw(topic, 1, bad),
                    raw(topic, 2, EventCodecs.playbackEncoder().encode(after)),
                    reason,
                    (List<T>) List.of(before, after));
        }

        /**
         * @param expectedValid the neighbours as they must come out; {@code null} to only count
         *     them (the caller checks them)
         */
        void assertOnlyBadOneDeadLettered(
                RawRecord before,
                RawRecord bad,
                RawRecord after,
                RejectReason reason,
                List<T> expectedValid)
                throws Exception {
            process(before);
            process(bad);
            process(after);

            // (c) nothing else is lost: both neighbours come out, in order
            assertThat(output()).hasSize(2);
            if (expectedValid != null) {
                assertThat(output()).containsExactlyElementsOf(expectedValid);
            }
            // (a) dead-lettered with its reason, origin and original bytes
            List<DeadLetter> deadLetters = deadLetters();
            assertThat(deadLetters).hasSize(1);
            DeadLetter letter = deadLetters.get(0);
            assertThat(letter.reason()).as(letter.detail()).isEqualTo(reason);
            assertThat(letter.detail()).isNotBlank();
            assertThat(letter.pipeline()).isEqualTo("bad-input-test");
            assertThat(letter.sourceTopic()).isEqualTo(bad.topic());
            assertThat(letter.sourceOffset()).isEqualTo(bad.offset());
            assertThat(DeadLetters.payload(letter)).isEqualTo(bad.value());
            // (b) exactly its per-reason counter moved
            assertThat(metrics.count(GROUP, DecodeFunction.EVENTS_IN)).isEqualTo(3);
            assertThat(metrics.count(GROUP, DecodeFunction.EVENTS_DECODED)).isEqualTo(2);
            for (RejectReason each : RejectReason.values()) {
                assertThat(metrics.count(GROUP, DecodeFunction.deadLetteredCounter(each)))
                        .as(each.name())
                        .isEqualTo(each == reason ? 1 : 0);
            }
            close();
        }
    }

    /** Keeps the last emitted watermark. */
    private static final class LastWatermark implements WatermarkOutput {
        long timestamp = Long.MIN_VALUE;

        @Override
        public void emitWatermark(Watermark watermark) {
            timestamp = watermark.getTimestamp();
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }

    /** A generator context without metrics. */
    private static final class NoMetrics implements WatermarkGeneratorSupplier.Context {
        @Override
        public MetricGroup getMetricGroup() {
            return new UnregisteredMetricsGroup();
        }

        @Override
        public RelativeClock getInputActivityClock() {
            return SystemClock.getInstance();
        }
    }
}
