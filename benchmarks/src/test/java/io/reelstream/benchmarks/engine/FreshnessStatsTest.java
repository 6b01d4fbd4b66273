package io.reelstream.benchmarks.engine;

import io.reelstream.udfs.cassandra.FreshnessBuckets;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How freshness samples and stall latencies are summarized. */
class FreshnessStatsTest {

    @Test
    void shouldTakeThePhaseQuantilesFromTheBucketCountsAndKeepTheWorstWindowApart() {
        FreshnessStats stats = new FreshnessStats();
        stats.add("user_features", 300, 2_000); // one bad window
        stats.add("user_features", 250, 600);
        long[] counts = FreshnessStats.emptyCounts();
        counts[FreshnessBuckets.bucketOf(250)] = 600; // 60 %: p50 in the 250 ms bucket
        counts[FreshnessBuckets.bucketOf(600)] = 392;
        counts[FreshnessBuckets.bucketOf(2_000)] = 8; // 0.8 %: above the p99
        stats.phaseCounts("user_features", counts);

        FreshnessStats.TableFreshness t = stats.summary().get("user_features");

        assertThat(t.p50Ms()).isEqualTo(250);
        assertThat(t.p99Ms()).isEqualTo(600);
        assertThat(t.worstWindowP99Ms()).isEqualTo(2_000);
        assertThat(t.writes()).isEqualTo(1_000);
        assertThat(t.samples()).isEqualTo(2);
    }

    @Test
    void shouldReportTheUpperEdgeOfTheBucketHoldingTheRank() {
        long[] counts = FreshnessStats.emptyCounts();
        counts[FreshnessBuckets.bucketOf(250)] = 98;
        counts[FreshnessBuckets.bucketOf(1_100)] = 2; // ranks 99 and 100
        assertThat(FreshnessStats.bucketQuantile(counts, 0.99)).isEqualTo(1_200);
        assertThat(FreshnessStats.bucketQuantile(counts, 0.98)).isEqualTo(250);
        counts[FreshnessBuckets.UPPER_EDGES_MS.length] = 100;
        assertThat(FreshnessStats.bucketQuantile(counts, 0.99)).isInfinite();
        assertThat(FreshnessStats.bucketQuantile(FreshnessStats.emptyCounts(), 0.5)).isNaN();
    }

    @Test
    void shouldReadTableAndBucketFromTheRestMetricIds() {
        assertThat(
                        FreshnessStats.bucket(
                                "write_user_features__Writer.cassandra.user_features"
                                        + ".freshnessMsBucket.le250"))
                .contains(
                        new FreshnessStats.Bucket("user_features", FreshnessBuckets.bucketOf(250)));
        assertThat(FreshnessStats.bucket("x.cassandra.recommendations.freshnessMsBucket.leInf"))
                .contains(
                        new FreshnessStats.Bucket(
                                "recommendations", FreshnessBuckets.UPPER_EDGES_MS.length));
        assertThat(FreshnessStats.bucket("x.cassandra.t.freshnessMsBucket.le251")).isEmpty();
        assertThat(FreshnessStats.bucket("x.cassandra.t.freshnessMs_p99")).isEmpty();
    }

    @Test
    void withoutBucketCountsShouldTakeTheMedianOfP50sAndTheMaximumOfP99s() {
        FreshnessStats stats = new FreshnessStats();
        stats.add("user_features", 300, 800);
        stats.add("user_features", 100, 2_000);
        stats.add("user_features", 200, 900);
        stats.add("user_features", Double.NaN, Double.NaN);

        FreshnessStats.TableFreshness t = stats.summary().get("user_features");

        assertThat(t.p50Ms()).isEqualTo(200);
        assertThat(t.p99Ms()).isEqualTo(2_000);
        assertThat(t.worstWindowP99Ms()).isEqualTo(2_000);
        assertThat(t.samples()).isEqualTo(3);
        assertThat(t.writes()).isZero();
    }

    @Test
    void shouldReadTableAndQuantileFromTheRestMetricIds() {
        assertThat(
                        FreshnessStats.metric(
                                "write_user_features__Writer.cassandra.user_features"
                                        + ".freshnessMs_median"))
                .contains(new FreshnessStats.Metric("user_features", true));
        assertThat(
                        FreshnessStats.metric(
                                "write_user_features__Writer.cassandra.user_features"
                                        + ".freshnessMs_p99"))
                .contains(new FreshnessStats.Metric("user_features", false));
        assertThat(FreshnessStats.metric("x.cassandra.user_features.writeLatencyMs_p99")).isEmpty();
        assertThat(FreshnessStats.metric("x.cassandra.user_features.timeDrivenLagMs_p99"))
                .contains(
                        new FreshnessStats.Metric(
                                "user_features" + FreshnessStats.TIME_DRIVEN, false));
    }

    @Test
    void shouldAverageTheMiddleTwoOfAnEvenNumberOfSamples() {
        assertThat(FreshnessStats.median(new double[] {1, 2, 3, 10})).isEqualTo(2.5);
        assertThat(FreshnessStats.median(new double[0])).isNaN();
    }

    @Test
    void shouldTakeNearestRankQuantiles() {
        List<Long> values = List.of(5L, 1L, 4L, 2L, 3L);

        assertThat(FreshnessStats.quantile(values, 0.5)).isEqualTo(3);
        assertThat(FreshnessStats.quantile(values, 0.99)).isEqualTo(5);
        assertThat(FreshnessStats.quantile(List.of(), 0.5)).isNaN();
    }

    @Test
    void shouldMeasureTheStallSignalFromTheThresholdCrossing() throws Exception {
        byte[] stall =
                "{\"v\":1,\"playbackId\":\"p-1\",\"stallStart\":10000,\"detectedAt\":15000}"
                        .getBytes(StandardCharsets.UTF_8);

        assertThat(StallLatencyProbe.thresholdCrossedAtMs(stall, 5_000)).isEqualTo(15_000);
    }
}
