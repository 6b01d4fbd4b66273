package io.reelstream.generator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Planted franchises, so that members' viewing has an order co-visitation can find: each is a show
 * and its sequels or spin-offs (2-5 shows, the most popular first), mostly of one taste cluster.
 */
public final class Franchises {

    /** Share of a franchise's later shows drawn from the first show's cluster. */
    static final double SAME_CLUSTER = 0.9;

    /** After the first two shows, the chance of one more (so sizes 2..5, mostly 2 or 3). */
    private static final double LONGER = 0.45;

    private static final int MAX_SIZE = 5;

    private final List<List<Show>> franchises = new ArrayList<>();
    private final Map<String, Integer> franchiseOfShow = new HashMap<>();

    /** Groups about {@code share} of the shows (listed per cluster) into franchises. */
    Franchises(List<List<Show>> showsByCluster, double share, SplittableRandom random) {
        List<List<Show>> pools = new ArrayList<>();
        int total = 0;
        for (List<Show> shows : showsByCluster) {
            List<Show> pool = new ArrayList<>(shows);
            Collections.shuffle(pool, new java.util.Random(random.nextLong()));
            pools.add(pool);
            total += shows.size();
        }
        int target = (int) Math.round(share * total);
        int placed = 0;
        while (target - placed >= 2) {
            List<Show> franchise = draw(pools, Math.min(size(random), target - placed), random);
            if (franchise.size() < 2) {
                break;
            }
            franchise.sort(Comparator.comparingInt(Show::popularityRank));
            for (Show show : franchise) {
                franchiseOfShow.put(show.showId(), franchises.size());
            }
            franchises.add(List.copyOf(franchise));
            placed += franchise.size();
        }
    }

    /** Every franchise, each in viewing order (original first). */
    public List<List<Show>> all() {
        return Collections.unmodifiableList(franchises);
    }

    /** The next show of {@code show}'s franchise, if it has one. */
    public Optional<Show> successor(Show show) {
        Integer index = franchiseOfShow.get(show.showId());
        if (index == null) {
            return Optional.empty();
        }
        List<Show> franchise = franchises.get(index);
        int position = franchise.indexOf(show);
        return position + 1 < franchise.size()
                ? Optional.of(franchise.get(position + 1))
                : Optional.empty();
    }

    /** Whether both shows belong to the same franchise. */
    public boolean together(Show a, Show b) {
        Integer franchise = franchiseOfShow.get(a.showId());
        return franchise != null && franchise.equals(franchiseOfShow.get(b.showId()));
    }

    private static int size(SplittableRandom random) {
        int size = 2;
        while (size < MAX_SIZE && random.nextDouble() < LONGER) {
            size++;
        }
        return size;
    }

    /** Up to {@code size} unused shows: the first from a random cluster, most others from it. */
    private static List<Show> draw(List<List<Show>> pools, int size, SplittableRandom random) {
        List<Show> franchise = new ArrayList<>();
        int home = nonEmptyPool(pools, random.nextInt(pools.size()));
        if (home < 0) {
            return franchise;
        }
        franchise.add(take(pools.get(home)));
        while (franchise.size() < size) {
            int from = random.nextDouble() < SAME_CLUSTER ? home : random.nextInt(pools.size());
            int pool = pools.get(from).isEmpty() ? nonEmptyPool(pools, home) : from;
            if (pool < 0) {
                break;
            }
            franchise.add(take(pools.get(pool)));
        }
        return franchise;
    }

    /** The first non-empty pool from {@code start} on (wrapping), or -1. */
    private static int nonEmptyPool(List<List<Show>> pools, int start) {
        for (int i = 0; i < pools.size(); i++) {
            int pool = (start + i) % pools.size();
            if (!pools.get(pool).isEmpty()) {
                return pool;
            }
        }
        return -1;
    }

    private static Show take(List<Show> pool) {
        return pool.remove(pool.size() - 1);
    }
}
