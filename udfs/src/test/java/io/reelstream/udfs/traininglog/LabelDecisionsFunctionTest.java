package io.reelstream.udfs.traininglog;

import io.reelstream.udfs.recs.Interaction;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LabelDecisionsFunctionTest {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long HORIZON = 24 * HOUR;
    private static final long LAG = 10 * MINUTE;
    private static final long T = 1_780_000_000_000L;

    private KeyedTwoInputStreamOperatorTestHarness<
                    String, RankingDecision, Interaction, TrainingLogRow>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(
                                new LabelDecisionsFunction(HORIZON, LAG, 3f, 0L)),
                        RankingDecision::memberId,
                        Interaction::userId,
                        Types.STRING);
        ((SerializerConfigImpl) harness.getExecutionConfig().getSerializerConfig())
                .setGenericTypes(false);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void labelsOnlyFromTheHorizonAfterTheDecisionAndKeepTheFeaturesAsServed() throws Exception {
        harness.processWatermark1(new Watermark(T - HOUR));
        harness.processWatermark2(new Watermark(T - HOUR));
        play("A", 1f, T - MINUTE); // before the decision: never a label
        decide("d1", T, new float[] {1f, 10f, 2f, 20f, 3f, 30f}, "A", "B", "C");
        play("B", 1f, T + 5 * MINUTE); // started within the horizon
        // A later decision sees B's new popularity: a feature update after d1 that must not
        // reach d1's rows, since it already reflects the label.
        decide("d2", T + 6 * MINUTE, new float[] {1f, 99f, 2f, 99f, 3f, 99f}, "A", "B", "C");
        play("C", 3f, T + HORIZON + MINUTE); // completed, but after d1's horizon
        play("A", 3f, T + HORIZON); // completed exactly at the end of d1's horizon: counts

        harness.processBothWatermarks(new Watermark(T + HORIZON - 1));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processBothWatermarks(new Watermark(T + HORIZON));
        List<TrainingLogRow> rows = harness.extractOutputValues();
        assertThat(rows).extracting(TrainingLogRow::decisionId).containsOnly("d1");
        assertThat(rows).extracting(TrainingLogRow::showId).containsExactly("A", "B", "C");
        assertThat(rows).extracting(TrainingLogRow::label).containsExactly(2f, 1f, 0f);
        assertThat(rows.get(1).features()).containsExactly(2f, 20f);
        assertThat(rows).allSatisfy(r -> assertThat(r.labelClosedAt()).isEqualTo(T + HORIZON));
        assertThat(rows).extracting(TrainingLogRow::position).containsExactly(1, 2, 3);
    }

    @Test
    void aDecisionThatArrivesAfterItsFirstLabelStillSeesItButALateOneIsDropped() throws Exception {
        harness.processBothWatermarks(new Watermark(T));
        play("B", 1f, T + 2 * MINUTE);
        decide("early", T + MINUTE, new float[] {5f, 6f}, "A", "B");

        harness.processBothWatermarks(new Watermark(T + 30 * MINUTE));
        decide("stale", T + 15 * MINUTE, new float[] {5f, 6f}, "A", "B");
        harness.processBothWatermarks(new Watermark(T + MINUTE + HORIZON));

        List<TrainingLogRow> rows = harness.extractOutputValues();
        assertThat(rows).extracting(TrainingLogRow::decisionId).containsOnly("early");
        assertThat(rows).extracting(TrainingLogRow::label).containsExactly(0f, 1f);
    }

    @Test
    void waitsForInteractionsThatTrailTheWatermarkBeforeClosingTheLabels() throws Exception {
        long lateness = 30 * MINUTE;
        try (var late =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(
                                new LabelDecisionsFunction(HORIZON, LAG, 3f, lateness)),
                        RankingDecision::memberId,
                        Interaction::userId,
                        Types.STRING)) {
            late.open();
            late.processBothWatermarks(new Watermark(T));
            late.processElement1(decision("d1", T + MINUTE, new float[] {1f, 2f}, "A", "B"), T);
            late.processBothWatermarks(new Watermark(T + MINUTE + HORIZON + 10 * MINUTE));
            assertThat(late.extractOutputValues()).isEmpty();
            // a playback closed by its timeout: its interaction is stamped with its last event
            late.processElement2(
                    new Interaction(Interaction.CURRENT_VERSION, "m1", "B", 3f, T + HORIZON),
                    T + HORIZON + 10 * MINUTE);
            late.processBothWatermarks(new Watermark(T + MINUTE + HORIZON + lateness));

            assertThat(late.extractOutputValues())
                    .extracting(TrainingLogRow::label)
                    .containsExactly(0f, 2f);
            assertThat(late.extractOutputValues())
                    .allSatisfy(r -> assertThat(r.labelClosedAt()).isEqualTo(T + MINUTE + HORIZON));
        }
    }

    @Test
    void leavesNoStateOrTimersOnceEveryHorizonHasPassed() throws Exception {
        harness.processBothWatermarks(new Watermark(T));
        decide("d1", T + MINUTE, new float[] {1f, 2f}, "A", "B");
        play("A", 1f, T + 3 * MINUTE);
        play("B", -0.3f, T + 4 * MINUTE);
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processBothWatermarks(new Watermark(T + 2 * HORIZON));

        assertThat(harness.extractOutputValues())
                .extracting(TrainingLogRow::label)
                .containsExactly(1f, 0f);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private void decide(String id, long at, float[] features, String... shows) throws Exception {
        harness.processElement1(decision(id, at, features, shows), at);
    }

    private static RankingDecision decision(String id, long at, float[] features, String... shows) {
        int[] positions = new int[shows.length];
        int[] sources = new int[shows.length];
        for (int c = 0; c < shows.length; c++) {
            positions[c] = c + 1;
            sources[c] = 1;
        }
        return new RankingDecision(
                RankingDecision.CURRENT_VERSION,
                id,
                "m1",
                at,
                "v7",
                1,
                shows,
                sources,
                positions,
                features);
    }

    private void play(String show, float weight, long at) throws Exception {
        harness.processElement2(
                new Interaction(Interaction.CURRENT_VERSION, "m1", show, weight, at), at);
    }
}
