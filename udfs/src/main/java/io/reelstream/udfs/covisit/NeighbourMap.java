package io.reelstream.udfs.covisit;

import io.reelstream.udfs.mf.DecayedCount;

import java.util.Arrays;

/**
 * The bounded neighbour candidates of one title: neighbour row → time-decayed co-occurrence count
 * (value as of its own newest event time, as {@link DecayedCount} keeps it), in primitive arrays
 * with open addressing, so one title costs at most a few KB however many titles it meets. When
 * {@code capacity} candidates are held, a new neighbour replaces the weakest one (smallest decayed
 * count; which count is smaller does not change with time alone) only if its own decayed weight is
 * strictly larger; otherwise it is dropped. Strong, recent pairs therefore stay; one-off pairs
 * churn in the weakest slots, oldest first (decay breaks ties toward the newer). A true neighbour
 * survives its first visit if it recurs before {@code capacity} newer one-off neighbours push it
 * out, i.e. reliably when it is more than about 1 in {@code capacity} of the title's pairs (the
 * Space-Saving bound; inheriting the evicted count, as Space-Saving does, kept no more in
 * simulations and would overstate counts). Old strong pairs decay until a fresh pair outranks them.
 */
final class NeighbourMap {

    private static final int EMPTY = -1;

    private final int capacity;
    private final int maxSlots;
    private int[] keys;
    private double[] values;
    private long[] asOf;

    /**
     * log2(value) + asOf / halfLife: orders entries as their decayed values at any common time do
     * (that order never changes with time alone), so finding the weakest needs no exponentials.
     */
    private double[] ranks;

    private int size;
    private long evictions;

    NeighbourMap(int capacity) {
        this.capacity = capacity;
        this.maxSlots = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
        allocate(Math.min(8, maxSlots));
    }

    int size() {
        return size;
    }

    int capacity() {
        return capacity;
    }

    /** Neighbours dropped or evicted so far because the map was full. */
    long evictions() {
        return evictions;
    }

    /** Slots to iterate: {@code 0 <= slot < slots()}, skipping {@link #key} {@code < 0}. */
    int slots() {
        return keys.length;
    }

    int key(int slot) {
        return keys[slot];
    }

    /** The count in {@code slot} decayed to {@code now} (≥ its event times). */
    double valueAt(int slot, long now, long halfLifeMs) {
        return DecayedCount.valueAt(values[slot], asOf[slot], now, halfLifeMs);
    }

    /** The stored count in {@code slot}, as of {@link #asOf}. */
    double value(int slot) {
        return values[slot];
    }

    /** The newest event time counted in {@code slot}. */
    long asOf(int slot) {
        return asOf[slot];
    }

    /** The slot of {@code neighbour}, or -1 if not held. */
    int slotOf(int neighbour) {
        return find(neighbour);
    }

    /** The count of {@code neighbour} decayed to {@code now}, 0 if not held. */
    double get(int neighbour, long now, long halfLifeMs) {
        int slot = find(neighbour);
        return slot < 0 ? 0.0 : valueAt(slot, now, halfLifeMs);
    }

    /**
     * Adds {@code weight} at {@code eventTime} to the count of {@code neighbour}, evicting the
     * weakest candidate if the map is full and the newcomer is strictly stronger.
     */
    void add(int neighbour, double weight, long eventTime, long halfLifeMs) {
        int slot = find(neighbour);
        if (slot >= 0) {
            values[slot] =
                    DecayedCount.add(values[slot], asOf[slot], weight, eventTime, halfLifeMs);
            asOf[slot] = DecayedCount.asOfAfter(asOf[slot], eventTime);
            ranks[slot] = rank(values[slot], asOf[slot], halfLifeMs);
            return;
        }
        double incoming = rank(weight, eventTime, halfLifeMs);
        if (size == capacity) {
            int weakest = weakest();
            evictions++;
            if (!(incoming > ranks[weakest])) {
                return;
            }
            removeAt(weakest);
        }
        if ((size + 1) * 2 > keys.length && keys.length < maxSlots) {
            rehash(keys.length * 2);
        }
        slot = home(neighbour);
        while (keys[slot] != EMPTY) {
            slot = (slot + 1) & (keys.length - 1);
        }
        keys[slot] = neighbour;
        values[slot] = weight;
        asOf[slot] = eventTime;
        ranks[slot] = incoming;
        size++;
    }

    /** The comparable strength of {@code value} as of {@code asOf} (a zero value ranks lowest). */
    private static double rank(double value, long asOf, long halfLifeMs) {
        return Math.log(value) * (1.0 / Math.log(2.0)) + (double) asOf / halfLifeMs;
    }

    /** The slot with the smallest decayed count (ties: the higher neighbour row). */
    private int weakest() {
        int weakest = -1;
        double min = Double.POSITIVE_INFINITY;
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != EMPTY) {
                double rank = ranks[slot];
                if (weakest < 0 || rank < min || (rank == min && keys[slot] > keys[weakest])) {
                    min = rank;
                    weakest = slot;
                }
            }
        }
        return weakest;
    }

    private int find(int neighbour) {
        int mask = keys.length - 1;
        for (int slot = home(neighbour); ; slot = (slot + 1) & mask) {
            int key = keys[slot];
            if (key == neighbour) {
                return slot;
            }
            if (key == EMPTY) {
                return -1;
            }
        }
    }

    /** Linear-probing deletion by backward shift: no tombstones, probes stay short. */
    private void removeAt(int slot) {
        int mask = keys.length - 1;
        int hole = slot;
        for (int i = (slot + 1) & mask; keys[i] != EMPTY; i = (i + 1) & mask) {
            int home = home(keys[i]);
            if (((i - home) & mask) >= ((i - hole) & mask)) {
                keys[hole] = keys[i];
                values[hole] = values[i];
                asOf[hole] = asOf[i];
                ranks[hole] = ranks[i];
                hole = i;
            }
        }
        keys[hole] = EMPTY;
        size--;
    }

    private int home(int key) {
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & (keys.length - 1);
    }

    private void rehash(int slots) {
        int[] oldKeys = keys;
        double[] oldValues = values;
        long[] oldAsOf = asOf;
        double[] oldRanks = ranks;
        allocate(slots);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = home(oldKeys[i]);
                while (keys[slot] != EMPTY) {
                    slot = (slot + 1) & (keys.length - 1);
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
                asOf[slot] = oldAsOf[i];
                ranks[slot] = oldRanks[i];
            }
        }
    }

    private void allocate(int slots) {
        keys = new int[slots];
        Arrays.fill(keys, EMPTY);
        values = new double[slots];
        asOf = new long[slots];
        ranks = new double[slots];
    }
}
