package io.reelstream.udfs.cassandra.internal;

import org.apache.flink.metrics.HistogramStatistics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentWindowHistogramTest {

    private static final long SECOND = 1_000_000_000L;

    private long now = 1_000 * SECOND;
    private final RecentWindowHistogram histogram =
            new RecentWindowHistogram(Duration.ofSeconds(60), 8, () -> now);

    @Test
    void aBurstOfOldValuesLeavesTheStatisticsOneWindowAfterIt() {
        for (int i = 0; i < 5; i++) {
            histogram.update(3_600_000); // an hour-old burst
        }
        now += 30 * SECOND;
        histogram.update(800);
        histogram.update(1_200);
        assertThat(histogram.getStatistics().getMax()).isEqualTo(3_600_000);

        now += 31 * SECOND; // the burst is 61 s old, the two recent values 31 s
        HistogramStatistics stats = histogram.getStatistics();

        assertThat(stats.getValues()).containsExactlyInAnyOrder(800L, 1_200L);
        assertThat(stats.getQuantile(0.99)).isLessThanOrEqualTo(1_200);
        assertThat(histogram.getCount()).isEqualTo(7);
    }

    @Test
    void atHighRatesTheNewestCapacityValuesCount() {
        for (long v = 1; v <= 20; v++) {
            histogram.update(v);
        }
        assertThat(histogram.getStatistics().getValues())
                .containsExactlyInAnyOrder(13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
        assertThat(histogram.getCount()).isEqualTo(20);
    }

    @Test
    void withNothingRecentTheNewestValueStandsAlone() {
        assertThat(histogram.getStatistics().size()).isZero(); // nothing recorded yet
        histogram.update(3_600_000);
        histogram.update(5);
        now += 120 * SECOND;

        HistogramStatistics stats = histogram.getStatistics();
        assertThat(stats.getValues()).containsExactly(5L);
        assertThat(stats.getQuantile(0.99)).isEqualTo(5.0);
        assertThat(histogram.getCount()).isEqualTo(2);
    }

    @Test
    void matchesANaiveFilterOnRandomArrivals() {
        Random random = new Random(42);
        List<long[]> all = new ArrayList<>(); // {time, value}
        for (int i = 0; i < 500; i++) {
            now += random.nextInt(20) * SECOND / 2;
            long value = random.nextInt(10_000);
            histogram.update(value);
            all.add(new long[] {now, value});
            now += random.nextInt(4) * 30 * SECOND; // read 0, 30, 60 or 90 s later

            List<Long> expected = new ArrayList<>();
            for (int j = all.size() - 1; j >= Math.max(0, all.size() - 8); j--) {
                if (j == all.size() - 1 || now - all.get(j)[0] <= 60 * SECOND) {
                    expected.add(all.get(j)[1]);
                }
            }
            assertThat(histogram.getStatistics().getValues())
                    .as("after %d updates", i + 1)
                    .containsExactlyInAnyOrder(
                            expected.stream().mapToLong(Long::longValue).toArray());
        }
    }

    @Test
    void rejectsAnEmptyWindowOrCapacity() {
        assertThatThrownBy(() -> new RecentWindowHistogram(Duration.ZERO, 8))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecentWindowHistogram(Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
