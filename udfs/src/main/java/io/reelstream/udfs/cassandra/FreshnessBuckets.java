package io.reelstream.udfs.cassandra;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

/**
 * Cumulative counts of written rows by freshness bucket, beside the recent-window {@code
 * freshnessMs} histogram: a window histogram tells what the last writes looked like, but no reader
 * can combine its samples into the quantile of a whole period. Counters can be: the difference of
 * two readings, summed over subtasks, is the exact distribution of every write between them, to the
 * resolution of {@link #UPPER_EDGES_MS}. Each bucket is a counter {@code
 * freshnessMsBucket.le<edge>} (rows with freshness at most {@code edge} ms and above the previous
 * edge), the last {@code freshnessMsBucket.leInf}; a reporter with labels sees them as a histogram.
 */
public final class FreshnessBuckets {

    /** Upper bucket edges, in ms; a row fresher than or equal to an edge counts in its bucket. */
    public static final long[] UPPER_EDGES_MS = {
        25, 50, 100, 150, 200, 250, 300, 400, 500, 600, 700, 800, 900, 1_000, 1_200, 1_500, 2_000,
        3_000, 5_000, 10_000, 20_000, 60_000, 300_000
    };

    /** The metric group that holds the bucket counters, below the table's group. */
    public static final String GROUP = "freshnessMsBucket";

    private final Counter[] buckets = new Counter[UPPER_EDGES_MS.length + 1];

    public FreshnessBuckets(MetricGroup tableGroup) {
        MetricGroup group = tableGroup.addGroup(GROUP);
        for (int i = 0; i < UPPER_EDGES_MS.length; i++) {
            buckets[i] = group.counter(counterName(i), new ThreadSafeSimpleCounter());
        }
        buckets[UPPER_EDGES_MS.length] =
                group.counter(counterName(UPPER_EDGES_MS.length), new ThreadSafeSimpleCounter());
    }

    /** The counter name of bucket {@code i}: {@code le<edge>}, or {@code leInf} for the last. */
    public static String counterName(int i) {
        return i < UPPER_EDGES_MS.length ? "le" + UPPER_EDGES_MS[i] : "leInf";
    }

    /** The index of the bucket that counts a freshness of {@code ms}. */
    public static int bucketOf(long ms) {
        int low = 0;
        int high = UPPER_EDGES_MS.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (UPPER_EDGES_MS[mid] < ms) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    public void record(long ms) {
        buckets[bucketOf(ms)].inc();
    }

    /** The count of bucket {@code i} so far (for tests). */
    public long count(int i) {
        return buckets[i].getCount();
    }
}
