package io.reelstream.udfs.covisit;

import io.reelstream.udfs.mf.DecayedCount;

import java.util.Arrays;

/**
 * Directed, time-decayed "what members start next" counts: for each title s, how often a member's
 * next new positive title after s was t. Co-visitation is symmetric and spread over a window; this
 * is the first-order sequence (a season after the previous one, a sequel after its original), read
 * as P(next = t | last = s) = c(s → t) / n(s →). Bounded per title like co-visitation ({@link
 * NeighbourMap} keeps the strongest {@code capacity} successors). Not thread-safe.
 */
public final class NextTitleCounts {

    private final int capacity;
    private final long halfLifeMs;
    private NeighbourMap[] successors = new NeighbourMap[64];
    private double[] outgoing = new double[64];
    private long[] outgoingAsOf = new long[64];

    public NextTitleCounts(int capacity, long halfLifeMs) {
        if (capacity < 1 || halfLifeMs <= 0) {
            throw new IllegalArgumentException("capacity and halfLifeMs must be positive");
        }
        this.capacity = capacity;
        this.halfLifeMs = halfLifeMs;
        Arrays.fill(outgoingAsOf, Long.MIN_VALUE);
    }

    /** A member went from {@code from} to {@code to} (distinct titles) at {@code eventTime}. */
    public void learn(int from, int to, long eventTime) {
        if (from < 0 || to < 0 || from == to) {
            return;
        }
        ensure(from);
        if (successors[from] == null) {
            successors[from] = new NeighbourMap(capacity);
        }
        successors[from].add(to, 1.0, eventTime, halfLifeMs);
        outgoing[from] =
                DecayedCount.add(outgoing[from], outgoingAsOf[from], 1.0, eventTime, halfLifeMs);
        outgoingAsOf[from] = DecayedCount.asOfAfter(outgoingAsOf[from], eventTime);
    }

    /** P(next = to | last = from) at {@code now}; 0 without evidence. */
    public double probability(int from, int to, long now) {
        if (from < 0 || from >= successors.length || successors[from] == null) {
            return 0.0;
        }
        double total = DecayedCount.valueAt(outgoing[from], outgoingAsOf[from], now, halfLifeMs);
        return total > 0 ? successors[from].get(to, now, halfLifeMs) / total : 0.0;
    }

    private void ensure(int title) {
        if (title >= successors.length) {
            int old = successors.length;
            int size = Math.max(title + 1, 2 * old);
            successors = Arrays.copyOf(successors, size);
            outgoing = Arrays.copyOf(outgoing, size);
            outgoingAsOf = Arrays.copyOf(outgoingAsOf, size);
            Arrays.fill(outgoingAsOf, old, size, Long.MIN_VALUE);
        }
    }
}
