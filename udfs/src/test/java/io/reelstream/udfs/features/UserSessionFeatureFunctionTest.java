package io.reelstream.udfs.features;

import io.reelstream.schemas.features.UserFeatureVector;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.reelstream.udfs.features.ActivityFixtures.DAY;
import static io.reelstream.udfs.features.ActivityFixtures.MINUTE;
import static io.reelstream.udfs.features.ActivityFixtures.SECOND;
import static io.reelstream.udfs.features.ActivityFixtures.T0;
import static io.reelstream.udfs.features.ActivityFixtures.playback;
import static io.reelstream.udfs.features.ActivityFixtures.search;
import static org.assertj.core.api.Assertions.assertThat;

/** Harness tests: slice expiry, decay re-emission, lateness, debouncing and state cleanup. */
class UserSessionFeatureFunctionTest {

    private static final long LATENESS = 5 * MINUTE;
    private static final String USER = "u1";

    private KeyedBroadcastOperatorTestHarness<String, UserActivity, TitleGenres, UserFeatureVector>
            harness;

    private void open(long debounceMs) throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new UserSessionFeatureFunction(LATENESS, debounceMs),
                        new FeatureKeys.ActivityByMember(),
                        Types.STRING,
                        UserSessionFeatureFunction.CATALOG);
        ((SerializerConfigImpl) harness.getExecutionConfig().getSerializerConfig())
                .setGenericTypes(false);
        harness.setProcessingTime(0);
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void send(UserActivity activity) throws Exception {
        harness.processElement(activity, activity.eventTime);
    }

    private List<UserFeatureVector> output() {
        List<UserFeatureVector> out = harness.extractOutputValues();
        harness.getOutput().clear();
        return out;
    }

    private int keyedStateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    /** Start at T0 and two minutes of progress: 120 s watched in the slices of T0 + 2 min. */
    private void watchTwoMinutes() throws Exception {
        send(playback(USER, ActivityKind.PLAY_START, T0, "t1", "p1", 0));
        send(playback(USER, ActivityKind.PLAY_PROGRESS, T0 + MINUTE, "t1", "p1", MINUTE));
        send(playback(USER, ActivityKind.PLAY_PROGRESS, T0 + 2 * MINUTE, "t1", "p1", 2 * MINUTE));
    }

    @Test
    void shouldEmitFreshVectorOnEveryChangeWithoutDebounce() throws Exception {
        open(0);
        watchTwoMinutes();

        List<UserFeatureVector> out = output();
        assertThat(out).hasSize(3);
        UserFeatureVector last = out.get(2);
        assertThat(last.userId).isEqualTo(USER);
        assertThat(last.asOf).isEqualTo(T0 + 2 * MINUTE);
        assertThat(last.value("watch_seconds_1h")).isEqualTo(120.0);
        assertThat(last.value("plays_started_7d")).isEqualTo(1.0);
        assertThat(last.value("seconds_since_last_play")).isEqualTo(0.0);
        assertThat(out).extracting(v -> v.revision).containsExactly(1L, 2L, 3L);
        assertThat(out).extracting(v -> v.timeDriven).containsOnly(false);
    }

    @Test
    void shouldDebounceEmissionsPerUser() throws Exception {
        open(1000);
        send(playback(USER, ActivityKind.PLAY_START, T0, "t1", "p1", 0));
        assertThat(output()).hasSize(1);

        harness.setProcessingTime(300);
        send(playback(USER, ActivityKind.PLAY_PROGRESS, T0 + MINUTE, "t1", "p1", MINUTE));
        send(search(USER, T0 + MINUTE + SECOND));
        assertThat(output()).isEmpty();
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        harness.setProcessingTime(1000);
        List<UserFeatureVector> out = output();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).value("watch_seconds_1h")).isEqualTo(60.0);
        assertThat(out.get(0).value("searches_1h")).isEqualTo(1.0);
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void shouldExpireSlicesAndReEmitDecayedVector() throws Exception {
        open(0);
        watchTwoMinutes();
        output();

        // the minute slice of T0 + 2 min leaves the 1 h window at T0 + 62 min
        harness.watermark(T0 + 62 * MINUTE - 1);
        assertThat(output()).isNotEmpty();
        harness.watermark(T0 + 62 * MINUTE);
        List<UserFeatureVector> out = output();
        assertThat(out).hasSize(1);
        UserFeatureVector decayed = out.get(0);
        assertThat(decayed.asOf).isEqualTo(T0 + 62 * MINUTE);
        assertThat(decayed.timeDriven).as("caused by the watermark, not by an event").isTrue();
        assertThat(decayed.value("watch_seconds_1h")).isZero();
        assertThat(decayed.value("plays_started_1h")).isZero();
        assertThat(decayed.value("watch_seconds_24h")).isEqualTo(120.0);
        assertThat(decayed.value("seconds_since_last_play")).isEqualTo(60.0 * 60);
    }

    @Test
    void shouldApplyLateActivityWithinAllowedLatenessToItsPastSlice() throws Exception {
        open(0);
        watchTwoMinutes();
        harness.watermark(T0 + 6 * MINUTE);
        output();

        // 4 minutes behind the watermark, 5 allowed: counts in the slice of T0 + 2 min + 10 s
        send(search(USER, T0 + 2 * MINUTE + 10 * SECOND));
        List<UserFeatureVector> out = output();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).value("searches_1h")).isEqualTo(1.0);
        assertThat(out.get(0).asOf).isEqualTo(T0 + 2 * MINUTE + 10 * SECOND);
        assertThat(harness.getSideOutput(UserSessionFeatureFunction.LATE_ACTIVITY)).isNull();
    }

    @Test
    void shouldSendActivityBeyondAllowedLatenessToSideOutput() throws Exception {
        open(0);
        harness.watermark(T0 + 10 * MINUTE);
        UserActivity late = search(USER, T0 + 4 * MINUTE);

        send(late);

        assertThat(output()).isEmpty();
        assertThat(harness.getSideOutput(UserSessionFeatureFunction.LATE_ACTIVITY))
                .extracting(StreamRecord::getValue)
                .containsExactly(late);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldClearAllStateAndTimersOfInactiveUser() throws Exception {
        open(1000);
        watchTwoMinutes();
        send(search(USER, T0 + 3 * MINUTE));
        assertThat(keyedStateEntries()).isPositive();
        assertThat(harness.numEventTimeTimers()).isPositive();

        harness.watermark(T0 + 8 * DAY);
        harness.setProcessingTime(10_000);

        List<UserFeatureVector> out = output();
        UserFeatureVector last = out.get(out.size() - 1);
        assertThat(last.value("watch_seconds_7d")).isZero();
        assertThat(last.value("sessions_7d")).isZero();
        assertThat(last.value("seconds_since_last_play")).isEqualTo(-1.0);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void shouldKeepOneDecayTimerPerUserAtItsNextSliceExpiry() throws Exception {
        open(0);
        watchTwoMinutes();
        send(search(USER, T0 + 30 * MINUTE));

        // slices in 4 minutes, 3 quarter hours and 1 hour: one timer, at the oldest expiry
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        output();
        harness.watermark(T0 + 60 * MINUTE);
        assertThat(output()).extracting(v -> v.asOf).containsExactly(T0 + 60 * MINUTE);
        assertThat(harness.numEventTimeTimers()).as("re-armed at the next expiry").isEqualTo(1);
        harness.watermark(T0 + 61 * MINUTE);
        assertThat(output()).extracting(v -> v.asOf).containsExactly(T0 + 61 * MINUTE);
    }

    @Test
    void shouldDropACopyOfACountedEvent() throws Exception {
        open(0);
        UserActivity start =
                withId(playback(USER, ActivityKind.PLAY_START, T0, "t1", "p1", 0), "e1");
        UserActivity progress =
                withId(
                        playback(USER, ActivityKind.PLAY_PROGRESS, T0 + MINUTE, "t1", "p1", MINUTE),
                        "e2");
        send(start);
        send(progress);
        send(
                withId(
                        playback(USER, ActivityKind.PLAY_PROGRESS, T0 + MINUTE, "t1", "p1", MINUTE),
                        "e2"));
        send(start);

        List<UserFeatureVector> out = output();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).value("watch_seconds_1h")).isEqualTo(60.0);
        assertThat(out.get(1).value("plays_started_1h")).isEqualTo(1.0);
        assertThat(harness.getSideOutput(UserSessionFeatureFunction.LATE_ACTIVITY)).isNull();
    }

    @Test
    void shouldForgetIdsOnceACopyWouldBeLateAnyway() throws Exception {
        open(0);
        UserActivity start =
                withId(playback(USER, ActivityKind.PLAY_START, T0, "t1", "p1", 0), "e1");
        send(start);
        harness.watermark(T0 + 20 * MINUTE);
        send(start);
        assertThat(harness.getSideOutput(UserSessionFeatureFunction.LATE_ACTIVITY))
                .as("still remembered: dropped as a copy")
                .isNull();

        send(withId(search(USER, T0 + 20 * MINUTE), "e2"));
        output();
        send(start);

        assertThat(output()).as("a late copy changes nothing").isEmpty();
        assertThat(harness.getSideOutput(UserSessionFeatureFunction.LATE_ACTIVITY))
                .as("forgotten at the next event: it goes where late events go")
                .hasSize(1);
    }

    private static UserActivity withId(UserActivity activity, String eventId) {
        activity.eventIdHash = io.reelstream.udfs.ingest.RecentEventIds.hash(eventId);
        return activity;
    }

    @Test
    void shouldUseCatalogGenresKnownWhenTheVectorIsComputed() throws Exception {
        open(0);
        send(playback(USER, ActivityKind.PLAY_START, T0, "t1", "p1", 0));
        send(playback(USER, ActivityKind.PLAY_PROGRESS, T0 + MINUTE, "t1", "p1", MINUTE));
        assertThat(output().get(1).value("genre_share_1h:unknown")).isEqualTo(1.0);

        harness.processBroadcastElement(new TitleGenres("t1", new String[] {"drama"}, 1L), T0);
        harness.processBroadcastElement(new TitleGenres("t1", new String[] {"stale"}, 0L), T0);
        send(search(USER, T0 + 2 * MINUTE));

        UserFeatureVector v = output().get(0);
        assertThat(v.value("genre_share_1h:drama")).isEqualTo(1.0);
        assertThat(v.value("genre_share_1h:unknown")).isZero();
        assertThat(v.value("genre_share_1h:stale")).isZero();
    }
}
