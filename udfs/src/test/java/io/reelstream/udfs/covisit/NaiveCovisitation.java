package io.reelstream.udfs.covisit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test reference for {@link CovisitLearner}: replays the whole history naively (lists, no bounds,
 * no lazy decay) and recomputes every count from scratch as Σ 2^-(T - t) / halfLife at T = the
 * newest event time; neighbours are all titles with a pair, ranked by similarity.
 */
final class NaiveCovisitation {

    record Event(int member, int title, float weight, long time) {}

    private final CovisitParams params;
    private final Map<Long, List<Long>> pairTimes = new HashMap<>();
    private final Map<Integer, List<Long>> itemTimes = new HashMap<>();
    private final Map<Integer, List<long[]>> windows = new HashMap<>();
    private final long now;
    private final Map<Integer, List<Scored>> neighbourLists = new HashMap<>();

    /** {@code events} in arrival order. */
    NaiveCovisitation(CovisitParams params, List<Event> events) {
        this.params = params;
        long newest = Long.MIN_VALUE;
        for (Event e : events) {
            newest = Math.max(newest, e.time());
            if (e.weight() <= 0) {
                continue;
            }
            List<long[]> window = windows.computeIfAbsent(e.member(), m -> new ArrayList<>());
            long[] present = null;
            for (long[] entry : window) {
                if (entry[0] == e.title()) {
                    present = entry;
                }
            }
            if (present != null) {
                window.remove(present);
                long dated = present[1];
                if (e.time() > dated) { // the member's count of the title moves to the later time
                    itemTimes.get(e.title()).remove(Long.valueOf(dated));
                    itemTimes.get(e.title()).add(e.time());
                    dated = e.time();
                }
                window.add(new long[] {e.title(), dated});
                continue;
            }
            itemTimes.computeIfAbsent(e.title(), t -> new ArrayList<>()).add(e.time());
            for (long[] entry : window) {
                long time = Math.min(entry[1], e.time());
                pairTimes
                        .computeIfAbsent(key(e.title(), (int) entry[0]), k -> new ArrayList<>())
                        .add(time);
                pairTimes
                        .computeIfAbsent(key((int) entry[0], e.title()), k -> new ArrayList<>())
                        .add(time);
            }
            window.add(new long[] {e.title(), e.time()});
            if (window.size() > params.window()) {
                window.remove(0);
            }
        }
        this.now = newest;
    }

    double count(int t, int s) {
        return decayedSum(pairTimes.get(key(t, s)));
    }

    double itemCount(int t) {
        return decayedSum(itemTimes.get(t));
    }

    double similarity(int t, int s) {
        double c = count(t, s);
        double d = Math.sqrt(itemCount(t)) * Math.sqrt(itemCount(s));
        return c > 0 && d > 0 ? c / d : 0;
    }

    /** Window of the member, newest first. */
    List<Integer> recent(int member) {
        List<Integer> out = new ArrayList<>();
        List<long[]> window = windows.getOrDefault(member, List.of());
        for (int i = window.size() - 1; i >= 0; i--) {
            out.add((int) window.get(i)[0]);
        }
        return out;
    }

    /** The K most similar neighbours of t (similarity as float, ties to the lower row). */
    List<Scored> neighbours(int t, int titles) {
        return neighbourLists.computeIfAbsent(t, title -> rankNeighbours(title, titles));
    }

    private List<Scored> rankNeighbours(int t, int titles) {
        List<Scored> all = new ArrayList<>();
        for (int s = 0; s < titles; s++) {
            float sim = (float) similarity(t, s);
            if (s != t && sim > 0) {
                all.add(new Scored(s, sim));
            }
        }
        all.sort(Scored.BEST_FIRST);
        return all.subList(0, Math.min(params.neighbours(), all.size()));
    }

    List<Scored> recommend(int member, Set<Integer> excluded, int n, int titles) {
        List<Integer> recent = recent(member);
        double[] scores = new double[titles];
        for (int p = 0; p < recent.size(); p++) {
            for (Scored s : neighbours(recent.get(p), titles)) {
                if (!recent.contains(s.row()) && !excluded.contains(s.row())) {
                    scores[s.row()] += params.recencyWeight(p) * s.score();
                }
            }
        }
        List<Scored> out = new ArrayList<>();
        for (int s = 0; s < titles; s++) {
            if (scores[s] > 0) {
                out.add(new Scored(s, (float) scores[s]));
            }
        }
        out.sort(Scored.BEST_FIRST);
        return out.subList(0, Math.min(n, out.size()));
    }

    private double decayedSum(List<Long> times) {
        double sum = 0;
        for (long time : times == null ? List.<Long>of() : times) {
            sum += Math.pow(2.0, -(double) (now - time) / params.halfLifeMs());
        }
        return sum;
    }

    private static long key(int t, int s) {
        return ((long) t << 32) | s;
    }

    record Scored(int row, float score) {
        static final Comparator<Scored> BEST_FIRST =
                Comparator.comparing(Scored::score).reversed().thenComparing(Scored::row);
    }
}
