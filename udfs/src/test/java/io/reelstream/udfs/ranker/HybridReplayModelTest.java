package io.reelstream.udfs.ranker;

import io.reelstream.udfs.covisit.CovisitParams;
import io.reelstream.udfs.mf.MfHyperparameters;
import io.reelstream.udfs.mf.ReplayEvaluator;
import io.reelstream.udfs.mf.ReplayInteraction;
import io.reelstream.udfs.mf.ReplayReport;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HybridReplayModelTest {

    private static final long HOUR = 3_600_000L;

    @Test
    void logsEachDecisionWithTheFeaturesAsTheyWereBeforeItsInteractionWasLearned() {
        RecordingTrainer trainer = new RecordingTrainer();
        HybridReplayModel hybrid =
                hybrid(new HybridParams(5, 6 * HOUR, 1_000, 1, 100, 5, 1L), trainer);
        ReplayEvaluator evaluator = new ReplayEvaluator(List.of(hybrid), 10);
        long t = 1_000 * HOUR;
        for (int u = 0; u < 5; u++) {
            evaluator.accept(new ReplayInteraction("u" + u, "X", t + u, 1f));
        }
        evaluator.accept(new ReplayInteraction("m", "A", t + 10, 1f));
        // m is known now: this interaction is evaluated, so a decision is made and then labelled.
        evaluator.accept(new ReplayInteraction("m", "X", t + 20, 1f));

        RankingExamples log = hybrid.examples();
        assertThat(log.groups()).isEqualTo(1);
        assertThat(log.groupTime(0)).isEqualTo(t + 20);
        int positive = log.groupStart(0);
        assertThat(log.label(positive)).isEqualTo(1f);
        float[] row = feature(log, positive);
        // Before m's interaction with X: 5 of 6 positives went to X, and m knew one title.
        assertThat(row[RankerFeatures.POPULARITY_SHARE]).isCloseTo(5f / 6f, within(1e-6f));
        assertThat(row[RankerFeatures.MEMBER_TITLES]).isEqualTo(1f);
        assertThat(row[RankerFeatures.MEMBER_PLAYS_1H]).isEqualTo(1f);
        assertThat(row[RankerFeatures.TITLE_AGE_DAYS]).isCloseTo(20f / (24f * HOUR), within(1e-9f));
        assertThat(row[RankerFeatures.TRENDING_RANK]).isEqualTo(1f);
        assertThat(row[RankerFeatures.GENRE_AFFINITY]).isNaN();
        assertThat(hybrid.blendDecisions()).isEqualTo(1);
    }

    @Test
    void retrainsOnlyFromDecisionsAlreadyLabelledAndServesTheNewModel() {
        RecordingTrainer trainer = new RecordingTrainer();
        HybridReplayModel hybrid =
                hybrid(new HybridParams(20, 6 * HOUR, 200, 5, 10_000, 10, 3L), trainer);
        ReplayEvaluator evaluator = new ReplayEvaluator(List.of(hybrid), 10);
        List<ReplayInteraction> log = clusteredLog(900);

        ReplayReport report = ReplayEvaluator.replay(log, evaluator);

        assertThat(trainer.calls).hasSize(4); // after interactions 200, 400, 600 and 800
        for (int c = 0; c < trainer.calls.size(); c++) {
            long retrainedAt = log.get(200 * (c + 1) - 1).timestampMs();
            RankingExamples seen = trainer.calls.get(c);
            assertThat(seen.groupTime(seen.groups() - 1)).isLessThanOrEqualTo(retrainedAt);
            if (c > 0) {
                assertThat(seen.groups()).isGreaterThan(trainer.calls.get(c - 1).groups());
            }
            for (int g = 0; g < seen.groups(); g++) {
                float positives = 0;
                for (int r = seen.groupStart(g); r < seen.groupStart(g) + seen.groupSize(g); r++) {
                    positives += seen.label(r);
                }
                assertThat(positives).isEqualTo(1f);
                assertThat(seen.groupSize(g)).isBetween(2, 11);
            }
        }
        assertThat(hybrid.model()).isNotNull();
        assertThat(hybrid.model().version()).isEqualTo("replay-800");
        assertThat(hybrid.blendDecisions()).isPositive();
        assertThat(hybrid.modelDecisions()).isPositive();
        assertThat(hybrid.modelDecisions() + hybrid.blendDecisions()).isEqualTo(report.evaluated());
    }

    @Test
    void theBlendOfTheSourcesBeatsPopularityBeforeAnyModelExists() {
        HybridReplayModel hybrid =
                hybrid(
                        new HybridParams(50, 6 * HOUR, Long.MAX_VALUE, 1, 10, 10, 3L),
                        new RecordingTrainer());
        ReplayReport report =
                ReplayEvaluator.replay(
                        clusteredLog(3_000), new ReplayEvaluator(List.of(hybrid), 10));

        assertThat(hybrid.model()).isNull();
        assertThat(report.recall()).isGreaterThan(1.5 * report.popularityRecall());
    }

    private static HybridReplayModel hybrid(HybridParams params, RankerTrainer trainer) {
        return new HybridReplayModel(
                params, MfHyperparameters.defaults(), CovisitParams.defaults(), trainer);
    }

    private static float[] feature(RankingExamples log, int row) {
        float[] out = new float[log.width()];
        System.arraycopy(log.features(), row * log.width(), out, 0, log.width());
        return out;
    }

    /** Members of 4 clusters watch their cluster's 25 shows (skewed), one an hour. */
    static List<ReplayInteraction> clusteredLog(int rows) {
        Random random = new Random(11);
        List<ReplayInteraction> log = new ArrayList<>();
        for (int n = 0; n < rows; n++) {
            int member = random.nextInt(60);
            int show = (int) (25 * Math.pow(random.nextDouble(), 2));
            log.add(
                    new ReplayInteraction(
                            "m" + member,
                            "c" + (member % 4) + "-" + show,
                            1_000L * HOUR + n * 60_000L,
                            1f));
        }
        return log;
    }

    /** Keeps what each retrain saw and returns a fixed model. */
    static final class RecordingTrainer implements RankerTrainer {
        final List<RankingExamples> calls = new ArrayList<>();

        @Override
        public GbdtModel train(RankingExamples examples, String version) {
            calls.add(examples);
            return GbdtModel.fromXgboostJson(
                    version,
                    RankerTestModels.oneSplit(
                            RankerFeatures.NAMES, RankerFeatures.POPULARITY_SHARE, 0f, 1f));
        }
    }
}
