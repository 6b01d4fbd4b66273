package io.reelstream.udfs.covisit;

import io.reelstream.udfs.mf.DecayedCount;
import io.reelstream.udfs.mf.TopNSelector;

import java.util.Arrays;

/**
 * Incremental item-to-item co-visitation ("watched together"), the candidate source that reads a
 * member's last titles instead of a taste vector. Each member keeps a window of their last {@link
 * CovisitParams#window()} distinct positive titles (arrival order). When a title t enters it, t's
 * item count n(t) and the co-occurrence counts c(t, s) and c(s, t) grow by 1 for every s in the
 * window. All counts decay in event time with {@link CovisitParams#halfLifeMs()}, lazily as {@link
 * DecayedCount} does. A title in a window is dated by the member's latest interaction with it and
 * n(t) counts each window stay at that date; a pair counts at the earlier of its two titles' dates
 * when it forms, so decay never lets c(t, s) outgrow n(t) or n(s). Similarity is cosine on the
 * decayed counts, sim(t, s) = c(t, s) / sqrt(n(t) n(s)), all decayed to one common time: the ratio
 * is the same at any common time, so it is computed from the stored values with one exponential of
 * their age differences, never underflows to 0/0 and needs no clock. Per title only {@link
 * CovisitParams#candidates()} neighbours are held ({@link NeighbourMap} evicts the weakest count)
 * and the K most similar of them recommend.
 *
 * <p>Out-of-order events: counts are sums over events whatever their arrival order (an event older
 * than an entry's newest time is added already decayed), so with a window that holds a member's
 * whole history and titles new to the member the model does not depend on arrival order. A late
 * event still enters the member's window as their newest title: which titles share a window follows
 * arrival, as in the stream. A repeat of a title in the window moves it to the newest position and,
 * if it is later than the title's date, moves the date and the member's 1 in n(t) forward (the old
 * dated 1 subtracted, a new one added); it forms no pairs, so a binge of one series does not
 * inflate its pairs, while the pairs it forms later are dated fresh. An earlier repeat arriving
 * late changes nothing. Non-positive weights (abandoned playbacks) are ignored.
 *
 * <p>Members and titles are dense rows chosen by the caller. Not thread-safe.
 */
public final class CovisitLearner {

    private final CovisitParams params;
    private final long halfLifeMs;
    private NeighbourMap[] neighbours = new NeighbourMap[64];
    private double[] itemValues = new double[64];
    private long[] itemAsOf = new long[64];
    private int titles;
    private int[][] windowTitles = new int[64][];
    private long[][] windowTimes = new long[64][];
    private int[] windowSizes = new int[64];
    private long clock = Long.MIN_VALUE;

    private final TopNSelector topK;
    private final int[] candidateRows;
    private final float[] candidateSims;
    private double[] scores = new double[64];
    private int[] touched = new int[64];
    private float[] touchedScores = new float[64];

    public CovisitLearner(CovisitParams params) {
        this.params = params;
        this.halfLifeMs = params.halfLifeMs();
        this.topK = new TopNSelector(params.neighbours());
        this.candidateRows = new int[params.candidates()];
        this.candidateSims = new float[params.candidates()];
        Arrays.fill(itemAsOf, Long.MIN_VALUE);
    }

    public CovisitParams params() {
        return params;
    }

    /** The newest event time seen (Long.MIN_VALUE before any). */
    public long clock() {
        return clock;
    }

    /** Titles seen so far (rows below this may have counts). */
    public int titles() {
        return titles;
    }

    /**
     * Learns one interaction; returns whether it formed pairs (a positive title new to the member's
     * window).
     */
    public boolean learn(int member, int title, float weight, long eventTime) {
        clock = Math.max(clock, eventTime);
        if (!(weight > 0)) {
            return false;
        }
        ensureTitle(title);
        ensureMember(member);
        int[] recent = windowTitles[member];
        long[] times = windowTimes[member];
        int size = windowSizes[member];
        for (int i = 0; i < size; i++) {
            if (recent[i] == title) {
                long dated = times[i];
                if (eventTime > dated) {
                    addItem(title, -1.0, dated); // the member's 1 in n(t) moves to eventTime
                    addItem(title, 1.0, eventTime);
                    dated = eventTime;
                }
                System.arraycopy(recent, i + 1, recent, i, size - i - 1);
                System.arraycopy(times, i + 1, times, i, size - i - 1);
                recent[size - 1] = title;
                times[size - 1] = dated;
                return false;
            }
        }
        addItem(title, 1.0, eventTime);
        NeighbourMap own = neighboursOf(title);
        for (int i = 0; i < size; i++) {
            int other = recent[i];
            long pairTime = Math.min(eventTime, times[i]);
            own.add(other, 1.0, pairTime, halfLifeMs);
            neighboursOf(other).add(title, 1.0, pairTime, halfLifeMs);
        }
        if (size == recent.length) {
            System.arraycopy(recent, 1, recent, 0, size - 1);
            System.arraycopy(times, 1, times, 0, size - 1);
            size--;
        }
        recent[size] = title;
        times[size] = eventTime;
        windowSizes[member] = size + 1;
        return true;
    }

    private void addItem(int title, double weight, long eventTime) {
        double value =
                DecayedCount.add(itemValues[title], itemAsOf[title], weight, eventTime, halfLifeMs);
        itemValues[title] = Math.max(0.0, value); // a moved count may round a hair below 0
        itemAsOf[title] = DecayedCount.asOfAfter(itemAsOf[title], eventTime);
    }

    /** n(t) decayed to the clock. */
    public double itemCount(int title) {
        return title < titles
                ? DecayedCount.valueAt(itemValues[title], itemAsOf[title], clock, halfLifeMs)
                : 0.0;
    }

    /** c(t, s) decayed to the clock, 0 if s is not (or no longer) a candidate of t. */
    public double count(int title, int neighbour) {
        NeighbourMap map = title < titles ? neighbours[title] : null;
        return map == null ? 0.0 : map.get(neighbour, clock, halfLifeMs);
    }

    /** sim(t, s) = c(t, s) / sqrt(n(t) n(s)) at any common time; 0 without counts. */
    public double similarity(int title, int neighbour) {
        NeighbourMap map = title < titles ? neighbours[title] : null;
        int slot = map == null ? -1 : map.slotOf(neighbour);
        return slot < 0 ? 0.0 : cosine(map, slot, title, neighbour);
    }

    /** Neighbour candidates held for {@code title} (at most {@link CovisitParams#candidates()}). */
    public int candidateCount(int title) {
        NeighbourMap map = title < titles ? neighbours[title] : null;
        return map == null ? 0 : map.size();
    }

    /** Candidates dropped or evicted for {@code title} because its map was full. */
    public long evictions(int title) {
        NeighbourMap map = title < titles ? neighbours[title] : null;
        return map == null ? 0 : map.evictions();
    }

    /** The member's window, newest first. */
    public int[] recent(int member) {
        if (member >= windowSizes.length) {
            return new int[0];
        }
        int size = windowSizes[member];
        int[] out = new int[size];
        for (int p = 0; p < size; p++) {
            out[p] = windowTitles[member][size - 1 - p];
        }
        return out;
    }

    /**
     * The K most similar neighbours of {@code title} into {@code rows} / {@code sims} (length ≥ K),
     * best first (ties: lower row); returns how many.
     */
    public int neighbours(int title, int[] rows, float[] sims) {
        int count = topNeighbours(title);
        for (int r = 0; r < count; r++) {
            rows[r] = topK.row(r);
            sims[r] = topK.score(r);
        }
        return count;
    }

    /**
     * Recommends for {@code member} into {@code selector}: every neighbour s among the K most
     * similar of each window title r scores Σ_r w(position of r) · sim(r, s); titles in the window
     * and titles {@code selector} excludes are skipped; only titles with a positive score are
     * returned, best first. Returns the number of results (≤ n).
     */
    public int recommend(int member, TopNSelector selector, int n) {
        int size = member < windowSizes.length ? windowSizes[member] : 0;
        if (size == 0) {
            return selector.selectRows(touched, touchedScores, 0, n);
        }
        int[] recent = windowTitles[member];
        for (int i = 0; i < size; i++) {
            scores[recent[i]] = -1.0;
        }
        int m = 0;
        for (int p = 0; p < size; p++) {
            double vote = params.recencyWeight(p);
            int count = topNeighbours(recent[size - 1 - p]);
            for (int r = 0; r < count; r++) {
                int s = topK.row(r);
                double score = scores[s];
                if (score < 0 || selector.isExcluded(s)) {
                    continue;
                }
                if (score == 0) {
                    if (m == touched.length) {
                        touched = Arrays.copyOf(touched, 2 * m);
                    }
                    touched[m++] = s;
                }
                scores[s] = score + vote * topK.score(r);
            }
        }
        if (touchedScores.length < m) {
            touchedScores = new float[touched.length];
        }
        for (int t = 0; t < m; t++) {
            touchedScores[t] = (float) scores[touched[t]];
            scores[touched[t]] = 0;
        }
        for (int i = 0; i < size; i++) {
            scores[recent[i]] = 0;
        }
        return selector.selectRows(touched, touchedScores, m, n);
    }

    /** Fills {@link #topK} with the K most similar positive-similarity neighbours of a title. */
    private int topNeighbours(int title) {
        NeighbourMap map = title < titles ? neighbours[title] : null;
        if (map == null) {
            return topK.selectRows(candidateRows, candidateSims, 0, 0);
        }
        int m = 0;
        for (int slot = 0; slot < map.slots(); slot++) {
            int s = map.key(slot);
            if (s >= 0) {
                double sim = cosine(map, slot, title, s);
                if (sim > 0) {
                    candidateRows[m] = s;
                    candidateSims[m++] = (float) sim;
                }
            }
        }
        return topK.selectRows(candidateRows, candidateSims, m, params.neighbours());
    }

    /**
     * c / sqrt(n(t) n(s)) from values stored as of their own times: with c as of a_c and n as of
     * a_t, a_s, the common decay leaves the factor 2^(((a_c - a_t) + (a_c - a_s)) / 2h). A pair
     * counts at the earlier of its titles' dates, so a_c ≤ a_t, a_s: the factor is at most 1; a
     * zero denominator (only after underflow) gives 0, so the result is finite and never NaN.
     */
    private double cosine(NeighbourMap map, int slot, int title, int neighbour) {
        double ages =
                (double) (map.asOf(slot) - itemAsOf[title])
                        + (double) (map.asOf(slot) - itemAsOf[neighbour]);
        double values = Math.sqrt(itemValues[title]) * Math.sqrt(itemValues[neighbour]);
        return values > 0
                ? map.value(slot) / values * Math.pow(2.0, ages / (2.0 * halfLifeMs))
                : 0.0;
    }

    private NeighbourMap neighboursOf(int title) {
        NeighbourMap map = neighbours[title];
        if (map == null) {
            map = new NeighbourMap(params.candidates());
            neighbours[title] = map;
        }
        return map;
    }

    private void ensureTitle(int title) {
        if (title < 0) {
            throw new IllegalArgumentException("title row must not be negative: " + title);
        }
        if (title >= neighbours.length) {
            int capacity = Math.max(title + 1, neighbours.length * 2);
            neighbours = Arrays.copyOf(neighbours, capacity);
            itemValues = Arrays.copyOf(itemValues, capacity);
            itemAsOf = Arrays.copyOf(itemAsOf, capacity);
            Arrays.fill(itemAsOf, titles, capacity, Long.MIN_VALUE);
            scores = Arrays.copyOf(scores, capacity);
        }
        titles = Math.max(titles, title + 1);
    }

    private void ensureMember(int member) {
        if (member < 0) {
            throw new IllegalArgumentException("member row must not be negative: " + member);
        }
        if (member >= windowSizes.length) {
            int capacity = Math.max(member + 1, windowSizes.length * 2);
            windowTitles = Arrays.copyOf(windowTitles, capacity);
            windowTimes = Arrays.copyOf(windowTimes, capacity);
            windowSizes = Arrays.copyOf(windowSizes, capacity);
        }
        if (windowTitles[member] == null) {
            windowTitles[member] = new int[params.window()];
            windowTimes[member] = new long[params.window()];
        }
    }
}
