package io.reelstream.generator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Planted companion pairs, titles often watched together beside any taste cluster: a sparse pairing
 * of shows (each in at most one pair), half of them within a cluster, half across.
 */
public final class Companions {

    /** Share of pairs whose two shows are drawn from the same cluster (the rest: any cluster). */
    static final double SAME_CLUSTER = 0.5;

    private final Map<String, Show> partners = new HashMap<>();

    /** Pairs about {@code share} of {@code shows}, never two shows of one franchise. */
    Companions(List<Show> shows, double share, Franchises franchises, SplittableRandom random) {
        List<Show> pool = new ArrayList<>(shows);
        Collections.shuffle(pool, new java.util.Random(random.nextLong()));
        int wanted = 2 * (int) Math.round(share * shows.size() / 2);
        for (int i = 0; i < pool.size() && partners.size() < wanted; i++) {
            Show a = pool.get(i);
            if (partners.containsKey(a.showId())) {
                continue;
            }
            boolean sameCluster = random.nextDouble() < SAME_CLUSTER;
            for (int j = i + 1; j < pool.size(); j++) {
                Show b = pool.get(j);
                if (!partners.containsKey(b.showId())
                        && !franchises.together(a, b)
                        && (!sameCluster || a.cluster() == b.cluster())) {
                    partners.put(a.showId(), b);
                    partners.put(b.showId(), a);
                    break;
                }
            }
        }
    }

    /** The companion of {@code show}, if it has one. */
    public Optional<Show> of(Show show) {
        return Optional.ofNullable(partners.get(show.showId()));
    }

    /** Every pair once, as two-element lists, the smaller show id first. */
    public List<List<Show>> pairs() {
        List<List<Show>> pairs = new ArrayList<>();
        for (Show b : partners.values()) {
            Show a = partners.get(b.showId());
            if (a.showId().compareTo(b.showId()) < 0) {
                pairs.add(List.of(a, b));
            }
        }
        pairs.sort(java.util.Comparator.comparing(pair -> pair.get(0).showId()));
        return pairs;
    }
}
