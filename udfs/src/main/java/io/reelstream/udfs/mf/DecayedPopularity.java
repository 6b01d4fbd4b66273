package io.reelstream.udfs.mf;

import java.util.Arrays;

/**
 * Time-decayed popularity ("trending") of rows, with top-N at a point in time. Also gives the plain
 * all-time count used as the popularity baseline of the replay evaluation.
 */
public final class DecayedPopularity {

    private final long halfLifeMs;
    private double[] values = new double[64];
    private long[] asOf = new long[64];
    private float[] counts = new float[64];
    private float[] scratch = new float[64];
    private int rows;

    public DecayedPopularity(long halfLifeMs) {
        if (halfLifeMs <= 0) {
            throw new IllegalArgumentException("halfLifeMs must be positive: " + halfLifeMs);
        }
        this.halfLifeMs = halfLifeMs;
    }

    public void add(int row, double weight, long eventTime) {
        ensure(row);
        values[row] = DecayedCount.add(values[row], asOf[row], weight, eventTime, halfLifeMs);
        asOf[row] = DecayedCount.asOfAfter(asOf[row], eventTime);
        counts[row] += 1f;
    }

    public double valueAt(int row, long now) {
        return row < rows ? DecayedCount.valueAt(values[row], asOf[row], now, halfLifeMs) : 0.0;
    }

    /** All-time count of additions to {@code row}. */
    public float count(int row) {
        return row < rows ? counts[row] : 0f;
    }

    /** Trending top-N at {@code now} into {@code selector}; returns the number of results. */
    public int topDecayed(TopNSelector selector, long now, int n) {
        for (int row = 0; row < rows; row++) {
            scratch[row] = (float) valueAt(row, now);
        }
        return selector.selectScores(scratch, rows, n);
    }

    /** All-time most counted top-N into {@code selector}; returns the number of results. */
    public int topCounted(TopNSelector selector, int n) {
        return selector.selectScores(counts, rows, n);
    }

    private void ensure(int row) {
        if (row >= values.length) {
            int capacity = Math.max(row + 1, values.length * 2);
            values = Arrays.copyOf(values, capacity);
            asOf = Arrays.copyOf(asOf, capacity);
            counts = Arrays.copyOf(counts, capacity);
            scratch = Arrays.copyOf(scratch, capacity);
        }
        if (row >= rows) {
            Arrays.fill(asOf, rows, row + 1, Long.MIN_VALUE);
            rows = row + 1;
        }
    }
}
