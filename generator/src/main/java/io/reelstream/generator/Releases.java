package io.reelstream.generator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The release schedule, so that the catalog grows during a run as a real service's does: a share of
 * the shows, drawn at random, is not available at the start but released at a time spread evenly
 * over the release window (the k-th of n releases at a uniform time within the k-th n-th of the
 * window); a series is released with all its episodes. Every other show is available from the
 * start.
 */
public final class Releases {

    /** Release time of a show available from the start. */
    public static final long AT_START = Long.MIN_VALUE;

    private final List<Show> inOrder = new ArrayList<>();
    private final Map<String, Long> releaseTime = new HashMap<>();

    Releases(List<Show> shows, GeneratorConfig config, SplittableRandom random) {
        int count =
                Math.min(shows.size() - 1, (int) Math.round(config.releaseShare() * shows.size()));
        if (count <= 0) {
            return;
        }
        List<Show> pool = new ArrayList<>(shows);
        Collections.shuffle(pool, new java.util.Random(random.nextLong()));
        double slot = config.releaseWindowMs() / (double) count;
        for (int k = 0; k < count; k++) {
            Show show = pool.get(k);
            long time = config.startMillis() + 1 + (long) ((k + random.nextDouble()) * slot);
            releaseTime.put(show.showId(), time);
            inOrder.add(show);
        }
        inOrder.sort(Comparator.comparingLong(s -> releaseTime.get(s.showId())));
    }

    /** The released shows in release order. */
    public List<Show> inOrder() {
        return Collections.unmodifiableList(inOrder);
    }

    /** When {@code show} becomes available, epoch ms; {@link #AT_START} if it always was. */
    public long releaseTime(Show show) {
        return releaseTime.getOrDefault(show.showId(), AT_START);
    }

    /** Whether {@code show} can be watched at {@code time}. */
    public boolean isAvailable(Show show, long time) {
        return releaseTime(show) <= time;
    }

    public boolean isEmpty() {
        return inOrder.isEmpty();
    }
}
