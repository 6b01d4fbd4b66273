package io.reelstream.udfs.features;

import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.deadletter.DeadLetters;
import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.features.UserFeatureVector;
import io.reelstream.udfs.ingest.CapturedMetrics;
import io.reelstream.udfs.ingest.DecodeFunction;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.reelstream.udfs.features.ActivityFixtures.DAY;
import static io.reelstream.udfs.features.ActivityFixtures.MINUTE;
import static io.reelstream.udfs.features.ActivityFixtures.SECOND;
import static io.reelstream.udfs.features.ActivityFixtures.T0;
import static io.reelstream.udfs.features.ActivityFixtures.search;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input "event time far in the past (beyond lateness)": judged where lateness is known, in
 * {@link UserSessionFeatureFunction}, and dead-lettered as TOO_LATE by {@link
 * LateActivityDeadLetter}, exactly the two operators the session features job chains.
 */
class LateActivityDeadLetterTest {

    private static final long LATENESS = 5 * MINUTE;
    private static final String USER = "u1";

    @Test
    void farPastEventIsDeadLetteredAsTooLateAndNeighboursStillCount() throws Exception {
        List<UserActivity> late;
        try (KeyedBroadcastOperatorTestHarness<String, UserActivity, TitleGenres, UserFeatureVector>
                features =
                        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                                new UserSessionFeatureFunction(LATENESS, 0),
                                new FeatureKeys.ActivityByMember(),
                                Types.STRING,
                                UserSessionFeatureFunction.CATALOG)) {
            ((SerializerConfigImpl) features.getExecutionConfig().getSerializerConfig())
                    .setGenericTypes(false);
            features.setProcessingTime(0);
            features.watermark(T0 + 10 * MINUTE);

            UserActivity before = search(USER, T0 + 9 * MINUTE);
            UserActivity farPast = search(USER, T0 - 2 * DAY); // inside 7 d, far beyond lateness
            UserActivity after = search(USER, T0 + 10 * MINUTE + SECOND);
            for (UserActivity activity : List.of(before, farPast, after)) {
                features.processElement(activity, activity.eventTime);
            }

            // the neighbours count, the far-past one does not (it would make searches_7d 3)
            List<UserFeatureVector> vectors = features.extractOutputValues();
            assertThat(vectors).hasSize(2);
            assertThat(vectors.get(1).value("searches_7d")).isEqualTo(2.0);
            assertThat(vectors.get(1).asOf).isEqualTo(after.eventTime);
            late =
                    features.getSideOutput(UserSessionFeatureFunction.LATE_ACTIVITY).stream()
                            .map(StreamRecord::getValue)
                            .toList();
            assertThat(late).containsExactly(farPast);

            // and leaves no state or timers behind once the user's windows expire
            features.watermark(T0 + 8 * DAY);
            assertThat(
                            ((HeapKeyedStateBackend<?>)
                                            features.getOperator().getKeyedStateBackend())
                                    .numKeyValueStateEntries())
                    .isZero();
            assertThat(features.numEventTimeTimers()).isZero();
        }

        CapturedMetrics metrics = new CapturedMetrics();
        try (OneInputStreamOperatorTestHarness<UserActivity, DeadLetter> toDeadLetters =
                new OneInputStreamOperatorTestHarness<>(
                        new StreamMap<>(new LateActivityDeadLetter("session-features")),
                        metrics.environment())) {
            toDeadLetters.open();
            toDeadLetters.processElement(late.get(0), late.get(0).eventTime);

            List<DeadLetter> letters = toDeadLetters.extractOutputValues();
            assertThat(letters).hasSize(1);
            DeadLetter letter = letters.get(0);
            assertThat(letter.reason()).isEqualTo(RejectReason.TOO_LATE);
            assertThat(letter.pipeline()).isEqualTo("session-features");
            JsonNode payload = new ObjectMapper().readTree(DeadLetters.payload(letter));
            assertThat(payload.get("userId").asText()).isEqualTo(USER);
            assertThat(payload.get("eventTime").asLong()).isEqualTo(T0 - 2 * DAY);
            assertThat(payload.get("kind").asText()).isEqualTo("SEARCH");
            assertThat(
                            metrics.count(
                                    DecodeFunction.METRIC_GROUP,
                                    DecodeFunction.deadLetteredCounter(RejectReason.TOO_LATE)))
                    .isEqualTo(1);
        }
    }
}
