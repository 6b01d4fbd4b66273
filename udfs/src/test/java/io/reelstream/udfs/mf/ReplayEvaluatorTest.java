package io.reelstream.udfs.mf;

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
}
