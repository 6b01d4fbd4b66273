package io.reelstream.udfs.ingest;

import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.json.DecodeLimits;
import io.reelstream.schemas.json.EventCodecs;

import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventTimeDecodeOperatorTest {

    private static final long NOW = 1_767_225_600_000L;
    private static final long HOUR = 3_600_000;
    private static final long BOUND = 5_000;
    private static final long INTERVAL = 200;

    private OneInputStreamOperatorTestHarness<RawRecord, PlaybackEvent> harness;
    private long offset;

    @BeforeEach
    void setUp() throws Exception {
        EventTimeDecodeOperator<PlaybackEvent> operator =
                new EventTimeDecodeOperator<>(
                        new DecodeFunction<>(
                                EventCodecs.playbackDecoder(DecodeLimits.defaults()),
                                "test-pipeline",
                                () -> NOW),
                        EventTimeWatermarks.of(
                                Duration.ofMillis(BOUND),
                                Duration.ofSeconds(30),
                                new EventTimeWatermarks.PlaybackEventTime()));
        harness = new OneInputStreamOperatorTestHarness<>(operator);
        harness.getExecutionConfig().setAutoWatermarkInterval(INTERVAL);
        harness.setProcessingTime(0);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void shouldStampEventTimeAndHoldTheWatermarkAtTheSlowestPartition() throws Exception {
        long behind = NOW - 10 * HOUR;
        long ahead = NOW - HOUR;
        harness.processElement(event(0, "a-1", ahead), 1L);
        harness.processElement(event(1, "b-1", behind), 2L);
        harness.processElement(event(0, "a-2", ahead + 1_000), 3L);
        harness.setProcessingTime(INTERVAL);
        harness.processElement(event(1, "b-2", behind + 60_000), 4L);
        harness.setProcessingTime(2 * INTERVAL);

        assertThat(harness.getOutput())
                .filteredOn(StreamRecord.class::isInstance)
                .extracting(e -> ((StreamRecord<?>) e).getTimestamp())
                .containsExactly(ahead, behind, ahead + 1_000, behind + 60_000);
        assertThat(watermarks()).containsExactly(behind - BOUND - 1, behind + 60_000 - BOUND - 1);
    }

    @Test
    void shouldKeepRejectedRecordsOutOfTheWatermark() throws Exception {
        harness.processElement(event(0, "a-1", NOW - HOUR), 1L);
        harness.processElement(
                new RawRecord(
                        "reelstream.playback.v1",
                        1,
                        offset++,
                        NOW,
                        null,
                        "garbage".getBytes(StandardCharsets.UTF_8)),
                2L);
        harness.processElement(event(1, "future", NOW + 10 * HOUR), 3L);
        harness.setProcessingTime(INTERVAL);

        assertThat(harness.getSideOutput(DecodeFunction.DEAD_LETTERS))
                .extracting(StreamRecord::getValue)
                .extracting(DeadLetter::reason)
                .containsExactlyInAnyOrder(
                        RejectReason.MALFORMED_JSON, RejectReason.FUTURE_EVENT_TIME);
        assertThat(watermarks()).containsExactly(NOW - HOUR - BOUND - 1);
    }

    @Test
    void shouldIgnoreUpstreamWatermarksButTheEndOfInput() throws Exception {
        harness.processElement(event(0, "a-1", NOW - HOUR), 1L);
        harness.processWatermark(new Watermark(NOW));
        harness.processWatermarkStatus(WatermarkStatus.IDLE);
        assertThat(harness.getOutput()).noneMatch(e -> !(e instanceof StreamRecord));

        harness.processWatermark(Watermark.MAX_WATERMARK);
        assertThat(watermarks()).containsExactly(Long.MAX_VALUE);
    }

    @Test
    void shouldGoIdleWhenItsPartitionsFallSilentAndResumeWithTheNextRecord() throws Exception {
        harness.processElement(event(0, "a-1", NOW - HOUR), 1L);
        advanceTo(29_000);
        assertThat(statuses()).isEmpty();
        advanceTo(31_000);
        assertThat(statuses()).containsExactly(WatermarkStatus.IDLE);

        harness.processElement(event(0, "a-2", NOW - HOUR + 60_000), 2L);
        advanceTo(31_000 + INTERVAL);

        assertThat(statuses()).containsExactly(WatermarkStatus.IDLE, WatermarkStatus.ACTIVE);
        assertThat(watermarks())
                .containsExactly(NOW - HOUR - BOUND - 1, NOW - HOUR + 60_000 - BOUND - 1);
    }

    /** Moves processing time in watermark intervals, firing the operator's timer each time. */
    private void advanceTo(long time) throws Exception {
        long now = harness.getProcessingTime();
        while (now < time) {
            now = Math.min(time, now + INTERVAL);
            harness.setProcessingTime(now);
        }
    }

    private List<Long> watermarks() {
        return harness.getOutput().stream()
                .filter(Watermark.class::isInstance)
                .map(e -> ((Watermark) e).getTimestamp())
                .toList();
    }

    private List<WatermarkStatus> statuses() {
        return harness.getOutput().stream()
                .filter(WatermarkStatus.class::isInstance)
                .map(WatermarkStatus.class::cast)
                .toList();
    }

    private RawRecord event(int partition, String eventId, long eventTime) {
        PlaybackEvent event = DecodeFunctionTest.playback(eventId, eventTime);
        return new RawRecord(
                "reelstream.playback.v1",
                partition,
                offset++,
                NOW,
                null,
                EventCodecs.playbackEncoder().encode(event));
    }
}
