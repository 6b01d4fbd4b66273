package io.reelstream.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StateGrowthSummaryTest {

    private static StateGrowthSummary.Sample sample(
            double day, long members, long bytes, long keys) {
        return new StateGrowthSummary.Sample(
                day, members, (long) day, bytes, keys, bytes, Map.of(), Map.of());
    }

    @Test
    void shouldReportAFlatPlateauWhenStateStopsGrowing() {
        StateGrowthSummary summary = new StateGrowthSummary(8);
        summary.add(sample(1, 100, 100, 10));
        summary.add(sample(4, 400, 400, 40));
        summary.add(sample(7.5, 750, 700, 70));
        summary.add(sample(8, 800, 700, 70));
        summary.add(sample(11, 1100, 720, 71));
        summary.add(sample(14, 1400, 680, 69));

        assertThat(summary.peak().stateBytes()).isEqualTo(720);
        assertThat(summary.plateau()).hasSize(3);
        assertThat(summary.plateauBytes()).isEqualTo(700);
        // halves of the plateau (8, 11, 14): first {700}, second {680}
        assertThat(summary.plateauGrowth(StateGrowthSummary.Sample::stateBytes))
                .isCloseTo(-20 / 700.0, within(1e-9));
        assertThat(summary.plateauGrowth(StateGrowthSummary.Sample::membersSeen))
                .isCloseTo(0.75, within(1e-9));
        assertThat(summary.lastOverPeak()).isCloseTo(680 / 720.0, within(1e-9));
    }

    @Test
    void shouldShowGrowthWhenStateLeaks() {
        StateGrowthSummary summary = new StateGrowthSummary(8);
        summary.add(sample(8, 800, 800, 80));
        summary.add(sample(14, 1400, 1400, 140));

        assertThat(summary.plateauGrowth(StateGrowthSummary.Sample::stateBytes))
                .isCloseTo(0.75, within(1e-9));
        assertThat(summary.plateauGrowth(StateGrowthSummary.Sample::keys))
                .isCloseTo(0.75, within(1e-9));
        assertThat(summary.lastOverPeak()).isEqualTo(1.0);
    }

    @Test
    void shouldSayWhenTheRunNeverReachedThePlateau() {
        StateGrowthSummary summary = new StateGrowthSummary(8);
        summary.add(sample(2, 200, 200, 20));

        assertThat(summary.plateauBytes()).isEqualTo(-1);
        assertThat(summary.plateauStart()).isNull();
        assertThat(summary.plateauGrowth(StateGrowthSummary.Sample::stateBytes)).isNaN();
    }

    @Test
    void shouldNotMistakeCompactionSwingsForGrowth() {
        StateGrowthSummary summary = new StateGrowthSummary(8);
        long[] bytes = {700, 1000, 650, 980, 720, 990};
        for (int i = 0; i < bytes.length; i++) {
            summary.add(sample(8 + i, 800 + 100 * i, bytes[i], 70));
        }

        assertThat(summary.plateauGrowth(StateGrowthSummary.Sample::stateBytes))
                .isCloseTo((990 + 720 + 980) / (double) (700 + 1000 + 650) - 1, within(1e-9));
        assertThat(summary.plateauGrowth(StateGrowthSummary.Sample::keys)).isZero();
    }

    @Test
    void shouldNameRocksDbStatesWithoutTheMetricSuffix() {
        assertThat(StateGrowthProbe.trimDots("sliced_user_windows.slices-7d.rocksdb_"))
                .isEqualTo("sliced_user_windows.slices-7d");
        assertThat(StateGrowthProbe.trimDots("op.state.")).isEqualTo("op.state");
    }

    @Test
    void shouldShortenChainedVertexNames() {
        assertThat(
                        StateGrowthBenchCommand.shortName(
                                "drop duplicate playback -> playback to activities"))
                .isEqualTo("drop_duplicate_playback");
        assertThat(StateGrowthBenchCommand.shortName("sliced user windows"))
                .isEqualTo("sliced_user_windows");
    }
}
