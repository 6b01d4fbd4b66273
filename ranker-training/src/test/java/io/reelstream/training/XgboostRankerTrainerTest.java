package io.reelstream.training;

import io.reelstream.udfs.ranker.GbdtModel;
import io.reelstream.udfs.ranker.RankerFeatures;
import io.reelstream.udfs.ranker.RankingExamples;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class XgboostRankerTrainerTest {

    private static final int W = RankerFeatures.COUNT;

    @Test
    void theJavaScorerGivesXgboostsOwnMarginsIncludingMissingValues() throws Exception {
        XgboostRankerTrainer trainer = new XgboostRankerTrainer(RankerTrainingParams.defaults());
        byte[] json = trainer.trainJson(examples(300, new Random(1)));
        GbdtModel model = GbdtModel.fromXgboostJson("v1", json);
        float[] rows = randomRows(500, new Random(2));

        float[] expected = XgboostRankerTrainer.xgboostMargins(json, rows, 500, W);

        assertThat(model.featureNames()).isEqualTo(RankerFeatures.NAMES);
        assertThat(model.trees()).isEqualTo(RankerTrainingParams.defaults().rounds());
        float[] batch = new float[500];
        model.scoreAll(rows, 500, W, batch);
        for (int r = 0; r < 500; r++) {
            assertThat(batch[r]).isCloseTo(expected[r], org.assertj.core.data.Offset.offset(1e-4f));
            assertThat(model.score(rows, r * W))
                    .as("row %d", r)
                    .isCloseTo(expected[r], org.assertj.core.data.Offset.offset(1e-4f));
        }
    }

    @Test
    void theSameExamplesAndSeedGiveTheSameModel() {
        XgboostRankerTrainer trainer = new XgboostRankerTrainer(RankerTrainingParams.defaults());

        byte[] first = trainer.trainJson(examples(200, new Random(5)));
        byte[] second = trainer.trainJson(examples(200, new Random(5)));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void learnsWhichCandidateTheMemberPicksAndRanksItFirstOnNewDecisions() {
        for (String objective : new String[] {"rank:ndcg", "rank:pairwise", "binary:logistic"}) {
            RankerTrainingParams params =
                    RankerTrainingParams.defaults().with(objective, 60, 3, 0.2);
            GbdtModel model =
                    new XgboostRankerTrainer(params).train(examples(400, new Random(7)), "v");
            RankingExamples held = examples(200, new Random(8));
            int top = 0;
            for (int g = 0; g < held.groups(); g++) {
                int best = -1;
                float bestScore = Float.NEGATIVE_INFINITY;
                for (int r = held.groupStart(g); r < held.groupStart(g) + held.groupSize(g); r++) {
                    float s = model.score(held.features(), r * W);
                    if (s > bestScore) {
                        bestScore = s;
                        best = r;
                    }
                }
                top += held.label(best) > 0 ? 1 : 0;
            }
            // The pick follows covisit_score unless MF ranks the title in its top 3; ~20
            // candidates.
            assertThat(top).as(objective).isGreaterThan(150);
        }
    }

    /**
     * Decisions of 20 candidates with random features (some missing); the member picks the one with
     * the best MF rank if that rank is ≤ 3, else the highest co-visitation score.
     */
    static RankingExamples examples(int groups, Random random) {
        RankingExamples examples = new RankingExamples(W);
        for (int g = 0; g < groups; g++) {
            float[] rows = randomRows(20, random);
            int pick = 0;
            for (int r = 0; r < 20; r++) {
                if (better(rows, r, pick)) {
                    pick = r;
                }
            }
            examples.beginGroup(g * 1_000L);
            for (int r = 0; r < 20; r++) {
                examples.add(rows, r * W, r == pick ? 1f : 0f);
            }
        }
        return examples;
    }

    private static boolean better(float[] rows, int a, int b) {
        float rankA = rows[a * W + RankerFeatures.MF_RANK];
        float rankB = rows[b * W + RankerFeatures.MF_RANK];
        boolean topA = rankA <= 3;
        boolean topB = rankB <= 3;
        if (topA != topB) {
            return topA;
        }
        if (topA) {
            return rankA < rankB;
        }
        return rows[a * W + RankerFeatures.COVISIT_SCORE]
                > rows[b * W + RankerFeatures.COVISIT_SCORE];
    }

    static float[] randomRows(int rows, Random random) {
        float[] out = new float[rows * W];
        for (int i = 0; i < out.length; i++) {
            out[i] = random.nextInt(10) == 0 ? Float.NaN : random.nextFloat();
        }
        for (int r = 0; r < rows; r++) {
            out[r * W + RankerFeatures.MF_RANK] = 1 + random.nextInt(50);
            out[r * W + RankerFeatures.COVISIT_SCORE] = random.nextFloat();
        }
        return out;
    }
}
