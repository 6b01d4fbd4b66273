package io.reelstream.udfs.recs;

import io.reelstream.udfs.ranker.RankerFeatures;
import io.reelstream.udfs.ranker.RankerModelUpdate;
import io.reelstream.udfs.ranker.RankerTestModels;
import io.reelstream.udfs.traininglog.RankingDecision;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RankCandidatesFunctionTest {

    private static final int W = RankerFeatures.COUNT;

    @Test
    void servesTheBlendUntilAModelArrivesThenSwapsModelsWhileRunning() throws Exception {
        try (BroadcastOperatorTestHarness<CandidateSet, RankerModelUpdate, Recommendations> h =
                harness()) {
            h.processElement(candidates(1_000L), 1);
            Recommendations blend = last(h);
            assertThat(blend.ranker()).isEqualTo(RankCandidatesFunction.BLEND);
            // The blend favours a and b, proposed by two sources.
            assertThat(blend.showIds()).containsExactly("a", "b");
            assertThat(blend.sources()).containsExactly(3, 3);

            h.processBroadcastElement(update("gbdt-1", RankerFeatures.POPULARITY_SHARE, 10L), 2);
            h.processElement(candidates(2_000L), 3);
            Recommendations first = last(h);
            assertThat(first.ranker()).isEqualTo("gbdt-1");
            assertThat(first.showIds()).containsExactly("c", "a"); // c alone is popular

            h.processBroadcastElement(update("gbdt-2", RankerFeatures.TRENDING_SHARE, 20L), 4);
            h.processBroadcastElement(update("gbdt-0", RankerFeatures.MF_SCORE, 5L), 5); // older
            h.processElement(candidates(3_000L), 6);
            Recommendations second = last(h);
            assertThat(second.ranker()).isEqualTo("gbdt-2");
            assertThat(second.showIds()).containsExactly("b", "a"); // b alone is trending
        }
    }

    @Test
    void rejectsAModelTrainedOnOtherFeaturesAndKeepsServingTheCurrentOne() throws Exception {
        try (BroadcastOperatorTestHarness<CandidateSet, RankerModelUpdate, Recommendations> h =
                harness()) {
            h.processBroadcastElement(update("gbdt-1", RankerFeatures.POPULARITY_SHARE, 10L), 1);
            h.processBroadcastElement(
                    new RankerModelUpdate(
                            RankerModelUpdate.CURRENT_VERSION,
                            "gbdt-x",
                            RankerFeatures.VERSION,
                            RankerTestModels.oneSplit(List.of("a", "b"), 0, 0f, 1f),
                            30L),
                    2);
            h.processElement(candidates(1_000L), 3);
            assertThat(last(h).ranker()).isEqualTo("gbdt-1");
        }
    }

    @Test
    void keepsTheModelAcrossARestoreAndLogsEveryDecisionWithItsFeatures() throws Exception {
        OperatorSubtaskState snapshot;
        try (BroadcastOperatorTestHarness<CandidateSet, RankerModelUpdate, Recommendations> h =
                harness()) {
            h.processBroadcastElement(update("gbdt-1", RankerFeatures.POPULARITY_SHARE, 10L), 1);
            snapshot = h.snapshot(1, 2);
        }
        try (BroadcastOperatorTestHarness<CandidateSet, RankerModelUpdate, Recommendations> h =
                harness(snapshot)) {
            CandidateSet set = candidates(7_000L);
            h.processElement(set, 3);

            assertThat(last(h).ranker()).isEqualTo("gbdt-1");
            List<StreamRecord<RankingDecision>> decisions =
                    List.copyOf(h.getSideOutput(RankCandidatesFunction.DECISIONS));
            RankingDecision decision = decisions.get(0).getValue();
            assertThat(decision.decisionId()).isEqualTo("m1@7000");
            assertThat(decision.modelVersion()).isEqualTo("gbdt-1");
            assertThat(decision.decidedAt()).isEqualTo(6_000L);
            assertThat(decision.showIds()).containsExactly("a", "b", "c");
            assertThat(decision.positions()).containsExactly(2, 0, 1);
            assertThat(decision.features()).isEqualTo(set.features());
        }
    }

    @Test
    void givesTheLastSlotOfAFullListToTheBestRankedNewTitle() throws Exception {
        try (BroadcastOperatorTestHarness<CandidateSet, RankerModelUpdate, Recommendations> h =
                harness(null, new RankCandidatesFunction(2, 1, 1L))) {
            h.processElement(candidates(1_000L, new boolean[] {false, false, true}), 1);
            Recommendations listed = last(h);
            // The blend orders a, b, c; c is new, so it takes the exploration slot from b.
            assertThat(listed.showIds()).containsExactly("a", "c");
            assertThat(listed.sources()).containsExactly(3, 4);
            RankingDecision decision =
                    List.copyOf(h.getSideOutput(RankCandidatesFunction.DECISIONS))
                            .get(0)
                            .getValue();
            assertThat(decision.positions()).containsExactly(1, 0, 2);

            h.processElement(candidates(2_000L), 2);
            assertThat(last(h).showIds())
                    .as("without new titles the best others fill the list")
                    .containsExactly("a", "b");
        }
    }

    private static BroadcastOperatorTestHarness<CandidateSet, RankerModelUpdate, Recommendations>
            harness() throws Exception {
        return harness(null);
    }

    private static BroadcastOperatorTestHarness<CandidateSet, RankerModelUpdate, Recommendations>
            harness(OperatorSubtaskState restore) throws Exception {
        return harness(restore, new RankCandidatesFunction(2, 0, 1L));
    }

    private static BroadcastOperatorTestHarness<CandidateSet, RankerModelUpdate, Recommendations>
            harness(OperatorSubtaskState restore, RankCandidatesFunction function)
                    throws Exception {
        BroadcastOperatorTestHarness<CandidateSet, RankerModelUpdate, Recommendations> h =
                new BroadcastOperatorTestHarness<>(
                        new CoBroadcastWithNonKeyedOperator<>(
                                function, List.of(RankCandidatesFunction.RANKER_MODEL)),
                        1,
                        1,
                        0);
        if (restore != null) {
            h.initializeState(restore);
        }
        h.open();
        return h;
    }

    private static RankerModelUpdate update(String version, int feature, long publishedAt) {
        return new RankerModelUpdate(
                RankerModelUpdate.CURRENT_VERSION,
                version,
                RankerFeatures.VERSION,
                RankerTestModels.oneSplit(RankerFeatures.NAMES, feature, 0f, 1f),
                publishedAt);
    }

    /** a: MF 1 + co-visitation 1; b: MF 2 + co-visitation 2, trending; c: trending 1, popular. */
    private static CandidateSet candidates(long generatedAt) {
        return candidates(generatedAt, new boolean[3]);
    }

    private static CandidateSet candidates(long generatedAt, boolean[] newTitles) {
        float[] f = new float[3 * W];
        Arrays.fill(f, Float.NaN);
        f[RankerFeatures.MF_RANK] = 1;
        f[RankerFeatures.COVISIT_RANK] = 1;
        f[W + RankerFeatures.MF_RANK] = 2;
        f[W + RankerFeatures.COVISIT_RANK] = 2;
        f[W + RankerFeatures.TRENDING_SHARE] = 0.9f;
        f[2 * W + RankerFeatures.TRENDING_RANK] = 1;
        f[2 * W + RankerFeatures.POPULARITY_SHARE] = 0.9f;
        return new CandidateSet(
                CandidateSet.CURRENT_VERSION,
                "m1",
                generatedAt - 1_000L,
                generatedAt,
                new String[] {"a", "b", "c"},
                new int[] {3, 3, 4},
                newTitles,
                f);
    }

    private static Recommendations last(
            BroadcastOperatorTestHarness<CandidateSet, RankerModelUpdate, Recommendations> h) {
        List<Recommendations> values = h.extractOutputValues();
        return values.get(values.size() - 1);
    }
}
