package io.reelstream.udfs.mf;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EngagementRulesTest {

    private static final long MIN = 60_000L;
    private final EngagementRules rules = EngagementRules.defaults();

    @Test
    void abandonmentInTheFirstMinutesIsAWeakNegative() {
        assertThat(rules.weight(MIN, 45 * MIN, false)).isEqualTo(-0.3f);
    }

    @Test
    void shortButNotAbandonedPlaybackGivesNoSignal() {
        assertThat(rules.weight(3 * MIN, 45 * MIN, false)).isZero();
    }

    @Test
    void weightGrowsWithEngagementAndCompletionCountsMost() {
        float meaningful = rules.weight(6 * MIN, 100 * MIN, false);
        float half = rules.weight(50 * MIN, 100 * MIN, false);
        float almost = rules.weight(85 * MIN, 100 * MIN, false);
        float complete = rules.weight(20 * MIN, 100 * MIN, true);

        assertThat(meaningful).isGreaterThanOrEqualTo(1f);
        assertThat(half).isGreaterThan(meaningful);
        assertThat(almost).isGreaterThan(half);
        assertThat(complete).isGreaterThan(almost).isEqualTo(3f);
        assertThat(rules.weight(95 * MIN, 100 * MIN, false)).isEqualTo(3f);
    }

    @Test
    void fractionAloneIsMeaningfulForShortTitlesUnlessBothAreRequired() {
        assertThat(rules.weight(3 * MIN, 10 * MIN, false)).isGreaterThanOrEqualTo(1f);
        EngagementRules strict = new EngagementRules(5 * MIN, 0.25, true, 0.9, 3f, 2 * MIN, -0.3f);
        assertThat(strict.weight(3 * MIN, 10 * MIN, false)).isZero();
    }

    @Test
    void unknownRuntimeFallsBackToMinutesWatched() {
        assertThat(rules.weight(10 * MIN, 0, false)).isEqualTo(1f);
    }
}
