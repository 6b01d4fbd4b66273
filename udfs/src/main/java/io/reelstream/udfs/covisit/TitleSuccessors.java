package io.reelstream.udfs.covisit;

import io.reelstream.udfs.mf.DecayedCount;
import io.reelstream.udfs.mf.TopNSelector;

/**
 * What members start next after one title s: for each successor t the time-decayed count of members
 * whose next new positive title after s was t (bounded by {@link NeighbourMap}, the strongest
 * {@code capacity} kept), and n(s →), all of them, so that P(next = t | last = s) = c(s → t) / n(s
 * →). One title's part of {@link NextTitleCounts}, apart so the replay and the streaming job's
 * title side (keyed by show) count alike. Not thread-safe.
 */
public final class TitleSuccessors {

    private final long halfLifeMs;
    private final NeighbourMap next;
    private double outgoing;
    private long outgoingAsOf = Long.MIN_VALUE;

    public TitleSuccessors(int capacity, long halfLifeMs) {
        if (capacity < 1 || halfLifeMs <= 0) {
            throw new IllegalArgumentException("capacity and halfLifeMs must be positive");
        }
        this.halfLifeMs = halfLifeMs;
        this.next = new NeighbourMap(capacity);
    }

    /** A member's next new title after this one was {@code to}, at {@code eventTime}. */
    public void learn(int to, long eventTime) {
        next.add(to, 1.0, eventTime, halfLifeMs);
        outgoing = DecayedCount.add(outgoing, outgoingAsOf, 1.0, eventTime, halfLifeMs);
        outgoingAsOf = DecayedCount.asOfAfter(outgoingAsOf, eventTime);
    }

    /** P(next = to) at {@code now}: c(s → to) / n(s →), 0 without evidence. */
    public double probability(int to, long now) {
        double total = DecayedCount.valueAt(outgoing, outgoingAsOf, now, halfLifeMs);
        return total > 0 ? next.get(to, now, halfLifeMs) / total : 0.0;
    }

    /**
     * The {@code selector}'s capacity most probable successors, most probable first (ties: lower
     * row); {@code rows} / {@code probabilities} are scratch of length ≥ the capacity. The
     * probabilities do not change with time alone (every count decays alike), so they are read at
     * the newest event counted. Returns how many.
     */
    public int top(TopNSelector selector, int[] rows, float[] probabilities) {
        if (!(outgoing > 0)) {
            return 0;
        }
        int m = 0;
        for (int slot = 0; slot < next.slots(); slot++) {
            int to = next.key(slot);
            if (to >= 0) {
                double p = next.valueAt(slot, outgoingAsOf, halfLifeMs) / outgoing;
                if (p > 0) {
                    rows[m] = to;
                    probabilities[m++] = (float) p;
                }
            }
        }
        return selector.selectRows(rows, probabilities, m, m);
    }

    /** Puts back n(s →) read from state ({@code value} as of {@code asOf}). */
    public void restoreOutgoing(double value, long asOf) {
        outgoing = Math.max(0.0, value);
        outgoingAsOf = asOf;
    }

    /** Puts back a successor read from state ({@code value} as of {@code asOf}). */
    public void restoreSuccessor(int to, double value, long asOf) {
        if (value > 0) {
            next.add(to, value, asOf, halfLifeMs);
        }
    }

    /** n(s →) as of {@link #outgoingAsOf()}. */
    public double outgoing() {
        return outgoing;
    }

    /** The newest event time counted ({@code Long.MIN_VALUE} before any). */
    public long outgoingAsOf() {
        return outgoingAsOf;
    }

    /** Successors held. */
    public int size() {
        return next.size();
    }

    /** Slots to iterate for persisting: {@code 0 <= slot < slots()}, skipping key {@code < 0}. */
    public int slots() {
        return next.slots();
    }

    public int key(int slot) {
        return next.key(slot);
    }

    /** The stored c(s → key(slot)) as of {@link #asOf}. */
    public double value(int slot) {
        return next.value(slot);
    }

    public long asOf(int slot) {
        return next.asOf(slot);
    }
}
