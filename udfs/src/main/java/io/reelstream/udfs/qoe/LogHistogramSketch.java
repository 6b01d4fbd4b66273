package io.reelstream.udfs.qoe;

import java.util.Arrays;

/**
 * A mergeable quantile sketch for positive durations: a fixed array of logarithmic buckets
 * (DDSketch-style), so any quantile is returned within {@link #RELATIVE_ACCURACY} relative error of
 * a value whose rank is exact, and two sketches merge by adding counts. Values below 1 land in a
 * zero bucket; values above the last bucket are clamped to it (about 8e8, i.e. 9 days in ms).
 *
 * <p>A Flink POJO ({@code v} versions the bucket layout).
 */
public class LogHistogramSketch {

    public static final int CURRENT_VERSION = 1;
    public static final double RELATIVE_ACCURACY = 0.02;
    static final int BUCKETS = 512;

    private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
    private static final double LOG_GAMMA = Math.log(GAMMA);

    public int v = CURRENT_VERSION;
    public long zeroCount;
    public long count;
    public long[] counts = new long[BUCKETS];

    public LogHistogramSketch() {}

    public void add(double value) {
        count++;
        if (value < 1) {
            zeroCount++;
            return;
        }
        int index = (int) Math.ceil(Math.log(value) / LOG_GAMMA);
        counts[Math.min(Math.max(index, 0), BUCKETS - 1)]++;
    }

    public void merge(LogHistogramSketch other) {
        count += other.count;
        zeroCount += other.zeroCount;
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
    }

    /**
     * The value at quantile {@code q} (0..1) by lower rank {@code floor(q * (count - 1))}, or NaN
     * when empty.
     */
    public double quantile(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.floor(q * (count - 1));
        long seen = zeroCount;
        if (rank < seen) {
            return 0.0;
        }
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (rank < seen) {
                return 2 * Math.pow(GAMMA, i) / (GAMMA + 1);
            }
        }
        return 2 * Math.pow(GAMMA, BUCKETS - 1) / (GAMMA + 1);
    }

    public LogHistogramSketch copy() {
        LogHistogramSketch copy = new LogHistogramSketch();
        copy.zeroCount = zeroCount;
        copy.count = count;
        copy.counts = Arrays.copyOf(counts, BUCKETS);
        return copy;
    }
}
