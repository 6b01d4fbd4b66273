package io.reelstream.udfs.mf;

/**
 * Exponentially time-decayed sum of weights: {@code Σ w · 2^(-(T - t) / halfLife)} at time T.
 * Stored as the value at {@code asOf} (the newest event time seen), so adding is O(1), events may
 * arrive out of order, and values of different keys compare after {@link #valueAt}.
 */
public final class DecayedCount {

    private DecayedCount() {}

    /** Decay factor from {@code from} to {@code to} (1 if {@code to <= from}). */
    public static double decay(long from, long to, long halfLifeMs) {
        if (to <= from) {
            return 1.0;
        }
        return Math.pow(2.0, -(double) (to - from) / halfLifeMs);
    }

    /**
     * The value after adding {@code weight} at {@code eventTime} to {@code value} as of {@code
     * asOf}.
     */
    public static double add(
            double value, long asOf, double weight, long eventTime, long halfLifeMs) {
        if (value == 0.0 && eventTime >= asOf) {
            return weight;
        }
        if (eventTime >= asOf) {
            return value * decay(asOf, eventTime, halfLifeMs) + weight;
        }
        return value + weight * decay(eventTime, asOf, halfLifeMs);
    }

    /** The new {@code asOf} after adding an event at {@code eventTime}. */
    public static long asOfAfter(long asOf, long eventTime) {
        return Math.max(asOf, eventTime);
    }

    /** The value as of {@code asOf}, read at time {@code now}. */
    public static double valueAt(double value, long asOf, long now, long halfLifeMs) {
        return value == 0.0 ? 0.0 : value * decay(asOf, now, halfLifeMs);
    }
}
