package io.reelstream.generator;

import java.util.SplittableRandom;

/**
 * Picks the show of a session that nothing watched before decides, among the shows released by
 * then, so that new releases draw a burst of interest that decays and reaches beyond their taste
 * cluster. The pick weight of a released show {@code s} for a member of cluster {@code c} at time
 * {@code t} is
 *
 * <pre>
 * w = base_c(s) + launchBoost * Z(s) * 2^(-(t - release(s)) / halfLife) * reach_c(s) / meanReach
 * </pre>
 *
 * with {@code base_c(s)} the usual cluster and popularity weight ({@link Catalog#pickWeight}),
 * {@code Z(s)} the show's global Zipf weight (a popular show has a big launch), {@code reach_c(s)}
 * 1 within the show's cluster and {@code launchReach} outside it, and {@code meanReach = 1/C + (1 -
 * 1/C) * launchReach} over {@code C} clusters, so that averaged over members the launch adds {@code
 * launchBoost} times the show's usual viewing at release, half of that one half-life later. Shows
 * available from the start get no launch term: their launch is long past.
 */
final class LaunchInterest {

    private final Catalog catalog;
    private final Releases releases;
    private final double affinity;
    private final double boost;
    private final double halfLifeMs;
    private final double reach;
    private final double meanReach;

    LaunchInterest(Catalog catalog, GeneratorConfig config) {
        this.catalog = catalog;
        this.releases = catalog.releases();
        this.affinity = config.clusterAffinity();
        this.boost = config.launchBoost();
        this.halfLifeMs = config.launchHalfLifeMs();
        this.reach = config.launchReach();
        this.meanReach = 1.0 / config.clusters() + (1 - 1.0 / config.clusters()) * reach;
    }

    /**
     * A show released by {@code time} for a member of {@code cluster}: by launch interest with
     * probability (launch weight) / (launch weight + base weight of released shows), else by
     * cluster and popularity ({@link Catalog#pickShow}), redrawn while not yet released. Draws as
     * before when no show is released during the run.
     */
    Show pick(int cluster, long time, SplittableRandom random) {
        double launch = 0;
        double unreleased = 0;
        for (Show show : releases.inOrder()) {
            if (releases.isAvailable(show, time)) {
                launch += launchWeight(show, cluster, time);
            } else {
                unreleased += catalog.pickWeight(show, cluster, affinity);
            }
        }
        double base = 1 - unreleased;
        if (launch > 0 && random.nextDouble() * (base + launch) < launch) {
            return pickLaunched(cluster, time, random.nextDouble() * launch);
        }
        Show show = catalog.pickShow(cluster, affinity, random);
        while (!releases.isAvailable(show, time)) {
            show = catalog.pickShow(cluster, affinity, random);
        }
        return show;
    }

    /** The launch term of {@code show}'s pick weight; 0 before its release. */
    double launchWeight(Show show, int cluster, long time) {
        long age = time - releases.releaseTime(show);
        if (boost == 0 || releases.releaseTime(show) == Releases.AT_START || age < 0) {
            return 0;
        }
        double decay = Math.pow(2, -age / halfLifeMs);
        double memberReach = show.cluster() == cluster ? 1 : reach;
        return boost * catalog.globalWeight(show) * decay * memberReach / meanReach;
    }

    private Show pickLaunched(int cluster, long time, double target) {
        double cumulative = 0;
        Show last = null;
        for (Show show : releases.inOrder()) {
            double weight = launchWeight(show, cluster, time);
            if (weight > 0) {
                cumulative += weight;
                last = show;
                if (cumulative > target) {
                    return show;
                }
            }
        }
        return last;
    }
}
