package io.reelstream.udfs.covisit;

import io.reelstream.udfs.mf.DecayedCount;
import io.reelstream.udfs.mf.TopNSelector;

/**
 * One title's side of co-visitation: its time-decayed item count n(t), its bounded neighbour
 * candidates with their co-occurrence counts c(t, s) ({@link NeighbourMap}) and the cosine top-K
 * over them. It exists apart from the members' windows ({@link CovisitWindow}) so the replay and
 * the streaming job's title side (keyed by show) apply the same counts; n(s) of a neighbour comes
 * from a {@link NeighbourCounts}. Not thread-safe.
 */
public final class TitleNeighbours {

    private final long halfLifeMs;
    private final int k;
    private final NeighbourMap pairs;
    private double count;
    private long countAsOf = Long.MIN_VALUE;

    public TitleNeighbours(CovisitParams params) {
        this.halfLifeMs = params.halfLifeMs();
        this.k = params.neighbours();
        this.pairs = new NeighbourMap(params.candidates());
    }

    /** Adds {@code weight} (+1, or −1 for a moved date) to n(t) at {@code eventTime}. */
    public void addCount(double weight, long eventTime) {
        double value = DecayedCount.add(count, countAsOf, weight, eventTime, halfLifeMs);
        count = Math.max(0.0, value); // a moved count may round a hair below 0
        countAsOf = DecayedCount.asOfAfter(countAsOf, eventTime);
    }

    /** c(t, neighbour) grows by 1 at {@code pairTime} (the candidate map may drop or evict). */
    public void addPair(int neighbour, long pairTime) {
        pairs.add(neighbour, 1.0, pairTime, halfLifeMs);
    }

    /** Puts back a count read from state ({@code value} as of {@code asOf}). */
    public void restoreCount(double value, long asOf) {
        count = Math.max(0.0, value);
        countAsOf = asOf;
    }

    /** Puts back a candidate read from state ({@code value} as of {@code asOf}). */
    public void restorePair(int neighbour, double value, long asOf) {
        if (value > 0) {
            pairs.add(neighbour, value, asOf, halfLifeMs);
        }
    }

    /** n(t) as of {@link #countAsOf()}. */
    public double count() {
        return count;
    }

    /** The newest event time counted in n(t) ({@code Long.MIN_VALUE} before any). */
    public long countAsOf() {
        return countAsOf;
    }

    /** n(t) decayed to {@code now}. */
    public double countAt(long now) {
        return DecayedCount.valueAt(count, countAsOf, now, halfLifeMs);
    }

    /** c(t, s) decayed to {@code now}; 0 if s is not (or no longer) a candidate. */
    public double pairCountAt(int neighbour, long now) {
        return pairs.get(neighbour, now, halfLifeMs);
    }

    /** Candidates held. */
    public int candidates() {
        return pairs.size();
    }

    /** Candidates dropped or evicted because the map was full. */
    public long evictions() {
        return pairs.evictions();
    }

    /** Slots to iterate for persisting: {@code 0 <= slot < slots()}, skipping key {@code < 0}. */
    public int slots() {
        return pairs.slots();
    }

    public int key(int slot) {
        return pairs.key(slot);
    }

    /** The stored c(t, key(slot)) as of {@link #pairAsOf}. */
    public double pairValue(int slot) {
        return pairs.value(slot);
    }

    public long pairAsOf(int slot) {
        return pairs.asOf(slot);
    }

    /** sim(t, s) = c(t, s) / sqrt(n(t) n(s)) at any common time; 0 without counts. */
    public double similarity(int neighbour, NeighbourCounts counts) {
        int slot = pairs.slotOf(neighbour);
        return slot < 0 ? 0.0 : cosine(slot, counts);
    }

    /**
     * The K most similar candidates with a positive similarity into {@code selector} (capacity ≥
     * K), best first (ties: lower key); {@code rows} / {@code sims} are scratch of length ≥ the
     * candidate capacity. Returns how many.
     */
    public int top(TopNSelector selector, NeighbourCounts counts, int[] rows, float[] sims) {
        int m = 0;
        for (int slot = 0; slot < pairs.slots(); slot++) {
            if (pairs.key(slot) >= 0) {
                double sim = cosine(slot, counts);
                if (sim > 0) {
                    rows[m] = pairs.key(slot);
                    sims[m++] = (float) sim;
                }
            }
        }
        return selector.selectRows(rows, sims, m, k);
    }

    /**
     * c / sqrt(n(t) n(s)) from values stored as of their own times: with c as of a_c and n as of
     * a_t, a_s, the common decay leaves the factor 2^(((a_c - a_t) + (a_c - a_s)) / 2h). A pair
     * counts at the earlier of its titles' dates, so with exact counts a_c ≤ a_t, a_s and the
     * factor is at most 1; an unknown or zero count (only after underflow) gives 0, so the result
     * is finite and never NaN. A stale n(s) snapshot can make the ratio exceed 1: it is capped at
     * 1.
     */
    private double cosine(int slot, NeighbourCounts counts) {
        long neighbourAsOf = counts.countAsOf(pairs.key(slot));
        double values = Math.sqrt(count) * Math.sqrt(counts.count(pairs.key(slot)));
        if (!(values > 0) || neighbourAsOf == Long.MIN_VALUE || countAsOf == Long.MIN_VALUE) {
            return 0.0;
        }
        long pairAsOf = pairs.asOf(slot);
        double ages = (double) (pairAsOf - countAsOf) + (double) (pairAsOf - neighbourAsOf);
        return Math.min(1.0, pairs.value(slot) / values * Math.pow(2.0, ages / (2.0 * halfLifeMs)));
    }
}
