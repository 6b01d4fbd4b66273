package io.reelstream.udfs.cassandra.internal;

import io.reelstream.udfs.cassandra.FreshnessBuckets;

import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FreshnessBucketsTest {

    /** The bucket a linear scan finds: the first edge at or above the value, else the last. */
    private static int naiveBucket(long ms) {
        for (int i = 0; i < FreshnessBuckets.UPPER_EDGES_MS.length; i++) {
            if (ms <= FreshnessBuckets.UPPER_EDGES_MS[i]) {
                return i;
            }
        }
        return FreshnessBuckets.UPPER_EDGES_MS.length;
    }

    @Test
    void everyValueLandsInTheFirstBucketWhoseEdgeHoldsIt() {
        Random random = new Random(3);
        for (int i = 0; i < 100_000; i++) {
            long ms = random.nextInt(4) == 0 ? random.nextInt(400_000) : random.nextInt(2_100);
            assertThat(FreshnessBuckets.bucketOf(ms)).as("%d ms", ms).isEqualTo(naiveBucket(ms));
        }
        for (long edge : FreshnessBuckets.UPPER_EDGES_MS) {
            assertThat(FreshnessBuckets.bucketOf(edge)).isEqualTo(naiveBucket(edge));
            assertThat(FreshnessBuckets.bucketOf(edge + 1)).isEqualTo(naiveBucket(edge) + 1);
        }
    }

    @Test
    void theEdgesRiseAndTheLastBucketIsUnbounded() {
        long[] edges = FreshnessBuckets.UPPER_EDGES_MS;
        for (int i = 1; i < edges.length; i++) {
            assertThat(edges[i]).isGreaterThan(edges[i - 1]);
        }
        assertThat(FreshnessBuckets.counterName(0)).isEqualTo("le25");
        assertThat(FreshnessBuckets.counterName(edges.length)).isEqualTo("leInf");
        assertThat(FreshnessBuckets.bucketOf(Long.MAX_VALUE)).isEqualTo(edges.length);
    }

    @Test
    void theSinkMetricsCountEveryWriteOnceInItsBucket() {
        CassandraSinkMetrics metrics =
                new CassandraSinkMetrics(new UnregisteredMetricsGroup(), "t", () -> 0);
        metrics.written(1_000_000, 0);
        metrics.written(1_000_000, 1_000);
        metrics.written(1_000_000, 1_001);
        metrics.written(1_000_000, -5); // clock skew: counted as fresh
        metrics.written(1_000_000, 10_000_000);

        FreshnessBuckets buckets = metrics.freshnessBuckets();
        long total = 0;
        for (int i = 0; i <= FreshnessBuckets.UPPER_EDGES_MS.length; i++) {
            total += buckets.count(i);
        }
        assertThat(total).isEqualTo(metrics.writes()).isEqualTo(5);
        assertThat(buckets.count(0)).isEqualTo(2);
        assertThat(buckets.count(FreshnessBuckets.bucketOf(1_000))).isEqualTo(1);
        assertThat(buckets.count(FreshnessBuckets.bucketOf(1_001))).isEqualTo(1);
        assertThat(buckets.count(FreshnessBuckets.UPPER_EDGES_MS.length)).isEqualTo(1);
    }
}
