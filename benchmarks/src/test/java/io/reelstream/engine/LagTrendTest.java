package io.reelstream.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LagTrendTest {

    @Test
    void aLagThatGrowsAtEverySampleAboveTheFloorIsFallingBehind() {
        LagTrend trend = new LagTrend(3, 1_000);
        assertThat(trend.add(2_000)).isFalse();
        assertThat(trend.add(3_000)).isFalse();
        assertThat(trend.add(4_000)).isFalse();
        assertThat(trend.add(5_000)).isTrue();
        assertThat(trend.add(6_000)).isTrue();
    }

    @Test
    void aSteadyOrShrinkingLagIsNotFallingBehind() {
        LagTrend trend = new LagTrend(3, 1_000);
        for (long lag : new long[] {50_000, 50_000, 49_000, 51_000, 51_000, 40_000}) {
            assertThat(trend.add(lag)).isFalse();
        }
    }

    @Test
    void aBriefBurstOrASmallLagIsNotFallingBehind() {
        LagTrend trend = new LagTrend(3, 1_000);
        assertThat(trend.add(10)).isFalse();
        assertThat(trend.add(20)).isFalse();
        assertThat(trend.add(30)).isFalse();
        assertThat(trend.add(40)).isFalse(); // growing, but below the floor
        assertThat(trend.add(5_000)).isFalse();
        assertThat(trend.add(4_000)).isFalse(); // one growth, then it shrank
    }
}
