package io.reelstream.udfs.ingest;

import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.deadletter.DeadLetters;
import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.EventDecoder;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.schemas.json.DecodeLimits;
import io.reelstream.schemas.json.EventCodecs;

import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DecodeFunctionTest {

    private static final long NOW = 1_767_225_600_000L;
    private static final String GROUP = DecodeFunction.METRIC_GROUP;

    private CapturedMetrics metrics;
    private OneInputStreamOperatorTestHarness<RawRecord, PlaybackEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        open(EventCodecs.playbackDecoder(DecodeLimits.defaults()));
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void shouldEmitValidEventsAndDeadLetterTheRest() throws Exception {
        PlaybackEvent valid = playback("e-1", NOW - 1_000);
        harness.processElement(record(0, EventCodecs.playbackEncoder().encode(valid)), 1L);
        harness.processElement(record(1, "garbage".getBytes(StandardCharsets.UTF_8)), 2L);
        harness.processElement(
                record(2, EventCodecs.playbackEncoder().encode(playback("e-3", NOW + 3_600_000))),
                3L);
        harness.processElement(record(3, null), 4L);

        assertThat(harness.extractOutputValues()).containsExactly(valid);
        List<DeadLetter> deadLetters = deadLetters();
        assertThat(deadLetters)
                .extracting(DeadLetter::reason)
                .containsExactlyInAnyOrder(
                        RejectReason.MALFORMED_JSON,
                        RejectReason.FUTURE_EVENT_TIME,
                        RejectReason.MALFORMED_JSON);
        DeadLetter garbage =
                deadLetters.stream().filter(d -> d.sourceOffset() == 1).findFirst().orElseThrow();
        assertThat(garbage.pipeline()).isEqualTo("test-pipeline");
        assertThat(garbage.sourceTopic()).isEqualTo("reelstream.playback.v1");
        assertThat(garbage.sourcePartition()).isEqualTo(4);
        assertThat(garbage.rejectedAt()).isEqualTo(NOW);
        assertThat(new String(DeadLetters.payload(garbage), StandardCharsets.UTF_8))
                .isEqualTo("garbage");
        assertThat(
                        deadLetters.stream()
                                .filter(d -> d.sourceOffset() == 3)
                                .findFirst()
                                .orElseThrow()
                                .payloadBase64())
                .isNull();
    }

    @Test
    void shouldCountEveryRecordOnceByOutcome() throws Exception {
        byte[] valid = EventCodecs.playbackEncoder().encode(playback("e-1", NOW));
        harness.processElement(record(0, valid), 1L);
        harness.processElement(record(1, valid), 1L);
        harness.processElement(record(2, "{".getBytes(StandardCharsets.UTF_8)), 1L);
        harness.processElement(
                record(3, EventCodecs.playbackEncoder().encode(playback("e-4", NOW + 3_600_000))),
                1L);

        assertThat(metrics.count(GROUP, DecodeFunction.EVENTS_IN)).isEqualTo(4);
        assertThat(metrics.count(GROUP, DecodeFunction.EVENTS_DECODED)).isEqualTo(2);
        assertThat(metrics.count(GROUP, "deadLettered_MALFORMED_JSON")).isEqualTo(1);
        assertThat(metrics.count(GROUP, "deadLettered_FUTURE_EVENT_TIME")).isEqualTo(1);
        for (RejectReason reason : RejectReason.values()) {
            if (reason != RejectReason.MALFORMED_JSON && reason != RejectReason.FUTURE_EVENT_TIME) {
                assertThat(metrics.count(GROUP, DecodeFunction.deadLetteredCounter(reason)))
                        .as(reason.name())
                        .isZero();
            }
        }
    }

    @Test
    void shouldDeadLetterInsteadOfFailingWhenTheDecoderItselfFails() throws Exception {
        harness.close();
        open(new ThrowingDecoder());
        harness.processElement(record(0, new byte[] {1}), 1L);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(deadLetters())
                .extracting(DeadLetter::reason)
                .containsExactly(RejectReason.DECODER_ERROR);
        assertThat(metrics.count(GROUP, "deadLettered_DECODER_ERROR")).isEqualTo(1);
    }

    private void open(EventDecoder<PlaybackEvent> decoder) throws Exception {
        metrics = new CapturedMetrics();
        harness =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(
                                new DecodeFunction<>(decoder, "test-pipeline", new FixedClock())),
                        metrics.environment());
        harness.open();
    }

    private List<DeadLetter> deadLetters() {
        return harness.getSideOutput(DecodeFunction.DEAD_LETTERS).stream()
                .map(StreamRecord::getValue)
                .toList();
    }

    private static RawRecord record(long offset, byte[] value) {
        return new RawRecord("reelstream.playback.v1", 4, offset, NOW, null, value);
    }

    /** A valid playback START of member u-1 (also used by {@link EventTimeDecodeOperatorTest}). */
    static PlaybackEvent playback(String eventId, long eventTime) {
        return new PlaybackEvent(
                1,
                eventId,
                PlaybackEventType.START,
                eventTime,
                "u-1",
                null,
                DeviceType.TV,
                "DE",
                "t-1",
                "pb-1",
                0,
                1_000_000,
                null);
    }

    /** Always {@link #NOW}. */
    private static final class FixedClock implements WallClock {
        @Override
        public long nowMillis() {
            return NOW;
        }
    }

    /** A buggy decoder: the function must still not fail. */
    private static final class ThrowingDecoder implements EventDecoder<PlaybackEvent> {
        @Override
        public DecodeResult<PlaybackEvent> decode(RawRecord record, long nowMillis) {
            throw new IllegalStateException("bug");
        }
    }
}
