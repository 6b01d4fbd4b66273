package io.reelstream.udfs.mf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Test fixture: an interaction log with planted taste clusters. Each member belongs to one cluster
 * and mostly watches that cluster's titles (Zipf-skewed within the cluster), sometimes a global
 * hit. Timestamps are shuffled locally so consumers must sort (out-of-order input).
 */
final class PlantedTasteLog {

    static final long START = 1_780_000_000_000L;

    private PlantedTasteLog() {}

    static String item(int cluster, int index) {
        return "show-" + cluster + "-" + index;
    }

    static int clusterOfUser(int user, int clusters) {
        return user % clusters;
    }

    static List<ReplayInteraction> generate(
            int users,
            int clusters,
            int itemsPerCluster,
            int perUser,
            double inClusterShare,
            long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ReplayInteraction> rows = new ArrayList<>();
        int globalHits = 10;
        for (int u = 0; u < users; u++) {
            int cluster = clusterOfUser(u, clusters);
            long userStart = START + random.nextLong(3_600_000L * 24);
            for (int n = 0; n < perUser; n++) {
                String item =
                        random.nextDouble() < inClusterShare
                                ? item(cluster, zipf(random, itemsPerCluster))
                                : "hit-" + zipf(random, globalHits);
                long ts = userStart + n * 3_600_000L + random.nextLong(600_000L);
                rows.add(new ReplayInteraction("user-" + u, item, ts, 1f + random.nextInt(3)));
            }
        }
        Collections.shuffle(rows, new java.util.Random(seed));
        return rows;
    }

    static List<ReplayInteraction> sorted(List<ReplayInteraction> rows) {
        List<ReplayInteraction> copy = new ArrayList<>(rows);
        copy.sort(java.util.Comparator.comparingLong(ReplayInteraction::timestampMs));
        return copy;
    }

    /** Zipf(1)-like rank in [0, n). */
    private static int zipf(SplittableRandom random, int n) {
        double harmonic = 0;
        for (int i = 1; i <= n; i++) {
            harmonic += 1.0 / i;
        }
        double target = random.nextDouble() * harmonic;
        double sum = 0;
        for (int i = 1; i <= n; i++) {
            sum += 1.0 / i;
            if (sum >= target) {
                return i - 1;
            }
        }
        return n - 1;
    }
}
