package io.reelstream.udfs.windows;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Slice boundaries, window coverage, expiry by scan and by decay timer. */
class SlicedAggregationTest {

    private static final SlicedWindow HOUR_OF_MINUTES = new SlicedWindow("1h", 3_600_000, 60_000);

    /** A sum, the simplest mergeable accumulator. */
    static final class Sum implements Mergeable<Sum> {
        long value;

        @Override
        public void mergeFrom(Sum other) {
            value += other.value;
        }
    }

    @Test
    void shouldCoverTheCurrentSliceAndTheOnesBeforeIt() {
        long asOf = 10 * 3_600_000L + 30_000;

        assertThat(HOUR_OF_MINUTES.sliceStart(asOf)).isEqualTo(10 * 3_600_000L);
        assertThat(HOUR_OF_MINUTES.coversEvent(asOf - 3_600_000L + 30_000, asOf)).isTrue();
        assertThat(HOUR_OF_MINUTES.coversEvent(asOf - 3_600_000L, asOf)).isFalse();
        assertThat(HOUR_OF_MINUTES.coversEvent(asOf + 1, asOf)).isFalse();
        assertThat(HOUR_OF_MINUTES.sliceStart(-1)).isEqualTo(-60_000);
        assertThat(HOUR_OF_MINUTES.sliceCount()).isEqualTo(60);
        assertThatThrownBy(() -> new SlicedWindow("bad", 90_000, 60_000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldMergeLiveSlicesAndDropExpiredOnes() throws Exception {
        SlicedAggregation<Sum> agg = new SlicedAggregation<>(HOUR_OF_MINUTES, Sum::new);
        TreeMapStore<Long, Sum> slices = new TreeMapStore<>();
        long t0 = 0;
        agg.update(slices, t0 + 10_000, t0 + 10_000, s -> s.value += 1);
        agg.update(slices, t0 + 20_000, t0 + 20_000, s -> s.value += 2);
        agg.update(slices, t0 + 70_000, t0 + 70_000, s -> s.value += 4);

        assertThat(slices.size()).isEqualTo(2);
        assertThat(agg.merged(slices, t0 + 70_000).value).isEqualTo(7);
        assertThat(agg.merged(slices, t0 + 3_600_000).value).isEqualTo(4);
        assertThat(agg.update(slices, t0 + 5_000, t0 + 3_600_000, s -> s.value += 8))
                .isEqualTo(Long.MIN_VALUE);

        assertThat(agg.nextExpiry(slices)).isEqualTo(t0 + 3_600_000);
        assertThat(agg.expire(slices, t0 + 3_599_999)).isZero();
        assertThat(agg.expire(slices, t0 + 3_600_001)).isEqualTo(1);
        assertThat(slices.size()).isEqualTo(1);
        assertThat(agg.nextExpiry(slices)).isEqualTo(t0 + 60_000 + 3_600_000);
        assertThat(agg.expire(slices, t0 + 3_660_000)).isEqualTo(1);
        assertThat(slices.isEmpty()).isTrue();
    }
}
