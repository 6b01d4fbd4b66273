package io.reelstream.udfs.covisit;

import java.util.Arrays;

/**
 * Directed, time-decayed "what members start next" counts: for each title s, how often a member's
 * next new positive title after s was t. Co-visitation is symmetric and spread over a window; this
 * is the first-order sequence (a season after the previous one, a sequel after its original), read
 * as P(next = t | last = s) = c(s → t) / n(s →). One {@link TitleSuccessors} per title, bounded
 * like co-visitation (the strongest {@code capacity} successors). Not thread-safe.
 */
public final class NextTitleCounts {

    private final int capacity;
    private final long halfLifeMs;
    private TitleSuccessors[] successors = new TitleSuccessors[64];

    public NextTitleCounts(int capacity, long halfLifeMs) {
        if (capacity < 1 || halfLifeMs <= 0) {
            throw new IllegalArgumentException("capacity and halfLifeMs must be positive");
        }
        this.capacity = capacity;
        this.halfLifeMs = halfLifeMs;
    }

    /** A member went from {@code from} to {@code to} (distinct titles) at {@code eventTime}. */
    public void learn(int from, int to, long eventTime) {
        if (from < 0 || to < 0 || from == to) {
            return;
        }
        if (from >= successors.length) {
            successors = Arrays.copyOf(successors, Math.max(from + 1, 2 * successors.length));
        }
        if (successors[from] == null) {
            successors[from] = new TitleSuccessors(capacity, halfLifeMs);
        }
        successors[from].learn(to, eventTime);
    }

    /** P(next = to | last = from) at {@code now}; 0 without evidence. */
    public double probability(int from, int to, long now) {
        if (from < 0 || from >= successors.length || successors[from] == null) {
            return 0.0;
        }
        return successors[from].probability(to, now);
    }
}
