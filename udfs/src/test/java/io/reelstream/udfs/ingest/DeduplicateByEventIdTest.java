package io.reelstream.udfs.ingest;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DeduplicateByEventIdTest {

    private static final Duration RETENTION = Duration.ofMinutes(10);

    private CapturedMetrics metrics;
    private KeyedOneInputStreamOperatorTestHarness<String, PlaybackEvent, PlaybackEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        metrics = new CapturedMetrics();
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new DeduplicateByEventId<String, PlaybackEvent>(
                                        RETENTION, new EventIds.OfPlayback())),
                        new EventUsers.OfPlayback(),
                        Types.STRING,
                        1,
                        1,
                        0);
        harness.setup();
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void shouldPassTheFirstAndDropRedeliveriesInAnyOrder() throws Exception {
        harness.processElement(event("a", 2_000), 2_000);
        harness.processElement(event("b", 1_000), 1_000);
        harness.processElement(event("a", 2_000), 2_000);
        harness.processElement(event("b", 1_000), 1_000);
        harness.processElement(event("a", 2_000), 2_000);

        assertThat(harness.extractOutputValues())
                .extracting(PlaybackEvent::eventId)
                .containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void shouldKeepTheOrderOfEachUsersEvents() throws Exception {
        harness.processElement(event("a", "u1", 3_000), 3_000);
        harness.processElement(event("b", "u1", 1_000), 1_000);
        harness.processElement(event("a", "u1", 3_000), 3_000);
        harness.processElement(event("c", "u1", 2_000), 2_000);

        assertThat(harness.extractOutputValues())
                .extracting(PlaybackEvent::eventId)
                .containsExactly("a", "b", "c");
    }

    @Test
    void shouldForgetIdsAfterRetentionAndLeaveNoStateOrTimers() throws Exception {
        harness.processElement(event("a", "u1", 1_000), 1_000);
        harness.processElement(event("b", "u2", 5_000), 5_000);
        harness.processElement(event("c", "u2", 5_000), 5_000);
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);

        harness.processWatermark(1_000 + RETENTION.toMillis());
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.processElement(event("a", "u1", 1_000), 1_000);
        harness.processElement(event("b", "u2", 5_000), 5_000);
        assertThat(harness.extractOutputValues())
                .extracting(PlaybackEvent::eventId)
                .as("a is forgotten and passes again, b is still remembered")
                .containsExactly("a", "b", "c", "a");

        harness.processWatermark(Long.MAX_VALUE - 1);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void shouldCountDroppedDuplicates() throws Exception {
        harness.close();
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new DeduplicateByEventId<String, PlaybackEvent>(
                                        RETENTION, new EventIds.OfPlayback())),
                        new EventUsers.OfPlayback(),
                        Types.STRING,
                        metrics.environment());
        harness.open();
        harness.processElement(event("a", 1_000), 1_000);
        harness.processElement(event("a", 1_000), 1_000);
        harness.processElement(event("a", 1_000), 1_000);

        assertThat(
                        metrics.count(
                                DecodeFunction.METRIC_GROUP,
                                DeduplicateByEventId.DUPLICATES_DROPPED))
                .isEqualTo(2);
    }

    @Test
    void shouldUseProcessingTimeCleanupForEventsWithoutTimestamp() throws Exception {
        harness.setProcessingTime(0);
        harness.processElement(new StreamRecord<>(event("a", 1)));
        harness.processElement(new StreamRecord<>(event("a", 1)));
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
        harness.setProcessingTime(RETENTION.toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    private static PlaybackEvent event(String eventId, long eventTime) {
        return event(eventId, "u", eventTime);
    }

    private static PlaybackEvent event(String eventId, String userId, long eventTime) {
        return new PlaybackEvent(
                1,
                eventId,
                PlaybackEventType.HEARTBEAT,
                eventTime,
                userId,
                null,
                DeviceType.TV,
                "DE",
                "t",
                "pb",
                0,
                1_000,
                null);
    }
}
