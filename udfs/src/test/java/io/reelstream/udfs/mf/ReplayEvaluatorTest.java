package io.reelstream.udfs.mf;

import io.reelstream.udfs.covisit.CovisitParams;
import io.reelstream.udfs.covisit.CovisitReplayModel;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayEvaluatorTest {

    @Test
    void learnerBeatsPopularityTwiceOnPlantedTasteClusters() {
        List<ReplayInteraction> log =
                PlantedTasteLog.sorted(PlantedTasteLog.generate(2000, 10, 60, 25, 0.85, 7L));

        ReplayReport report = ReplayEvaluator.replay(log, MfHyperparameters.defaults(), 10);

        assertThat(report.interactions()).isEqualTo(log.size());
        assertThat(report.evaluated()).isGreaterThan(log.size() / 3);
        assertThat(report.popularityRecall()).isGreaterThan(0.0);
        assertThat(report.recall()).isGreaterThanOrEqualTo(2 * report.popularityRecall());
        assertThat(report.mrr()).isGreaterThan(report.popularityMrr());
    }

    @Test
    void positiveOnlyUpdatesWouldNotBeatPopularityAsClearly() {
        // Sanity of the baseline: popularity is a real competitor on this data.
        List<ReplayInteraction> log =
                PlantedTasteLog.sorted(PlantedTasteLog.generate(500, 5, 40, 20, 0.85, 11L));

        ReplayReport report = ReplayEvaluator.replay(log, MfHyperparameters.defaults(), 10);

        assertThat(report.popularityRecall()).isGreaterThan(0.05);
    }

    @Test
    void countsHitsOnlyForKnownMembersAndNewItems() {
        MfHyperparameters hp = MfHyperparameters.defaults();
        ReplayEvaluator evaluator = new ReplayEvaluator(hp, 10);
        evaluator.accept(new ReplayInteraction("a", "x", 1, 1f)); // unknown member: not evaluated
        evaluator.accept(new ReplayInteraction("b", "y", 2, 1f)); // unknown member: not evaluated
        evaluator.accept(new ReplayInteraction("a", "x", 3, 1f)); // repeat: not evaluated
        evaluator.accept(new ReplayInteraction("a", "y", 4, 1f)); // evaluated: only y left, hit
        evaluator.accept(new ReplayInteraction("b", "z", 5, -0.3f)); // negative: not evaluated

        ReplayReport report = evaluator.report();

        assertThat(report.interactions()).isEqualTo(5);
        assertThat(report.evaluated()).isEqualTo(1);
        // Only x and y exist and x is excluded: both rankers must put y first.
        assertThat(report.recall()).isEqualTo(1.0);
        assertThat(report.mrr()).isEqualTo(1.0);
        assertThat(report.popularityRecall()).isEqualTo(1.0);
    }

    @Test
    void judgesEveryModelOnTheSameReplayAndAddingOneChangesNoOther() {
        List<ReplayInteraction> log =
                PlantedTasteLog.sorted(PlantedTasteLog.generate(1000, 8, 50, 20, 0.85, 5L));
        ReplayReport alone = ReplayEvaluator.replay(log, MfHyperparameters.defaults(), 10);

        ReplayReport together =
                ReplayEvaluator.replay(
                        log,
                        new ReplayEvaluator(
                                List.of(
                                        new MfReplayModel(MfHyperparameters.defaults()),
                                        new CovisitReplayModel(CovisitParams.defaults())),
                                10));

        assertThat(together.models())
                .extracting(ReplayReport.ModelResult::name)
                .containsExactly("mf", "covisit", "popularity");
        assertThat(together.evaluated()).isEqualTo(alone.evaluated());
        assertThat(together.recall()).isEqualTo(alone.recall());
        assertThat(together.mrr()).isEqualTo(alone.mrr());
        assertThat(together.popularityRecall()).isEqualTo(alone.popularityRecall());
        ReplayReport.ModelResult covisit = together.model("covisit");
        assertThat(covisit.recall()).isGreaterThanOrEqualTo(2 * together.popularityRecall());
        assertThat(covisit.mrr()).isGreaterThan(together.popularityMrr());
        assertThat(covisit.learnNanos()).isPositive();
    }

    @Test
    void coVisitationHitsTheTitleWatchedTogetherBefore() {
        ReplayEvaluator evaluator =
                new ReplayEvaluator(List.of(new CovisitReplayModel(CovisitParams.defaults())), 10);
        evaluator.accept(new ReplayInteraction("a", "x", 1, 1f));
        evaluator.accept(new ReplayInteraction("a", "y", 2, 1f)); // a: no neighbours yet, miss
        evaluator.accept(new ReplayInteraction("b", "x", 3, 1f));
        evaluator.accept(new ReplayInteraction("b", "y", 4, 1f)); // x -> y seen with a: hit
        evaluator.accept(new ReplayInteraction("c", "z", 5, 1f));
        evaluator.accept(new ReplayInteraction("c", "x", 6, 1f)); // z has no neighbour: miss

        ReplayReport report = evaluator.report();

        assertThat(report.models())
                .extracting(ReplayReport.ModelResult::name)
                .containsExactly("covisit", "popularity");
        assertThat(report.evaluated()).isEqualTo(3);
        assertThat(report.recall())
                .isCloseTo(1.0 / 3, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(report.mrr()).isCloseTo(1.0 / 3, org.assertj.core.api.Assertions.within(1e-12));
    }
}
