package io.reelstream.udfs.covisit;

import io.reelstream.udfs.mf.TopNSelector;

import java.util.Arrays;

/**
 * Incremental item-to-item co-visitation ("watched together"), the candidate source that reads a
 * member's last titles instead of a taste vector. Each member keeps a window of their last {@link
 * CovisitParams#window()} distinct positive titles (arrival order). When a title t enters it, t's
 * item count n(t) and the co-occurrence counts c(t, s) and c(s, t) grow by 1 for every s in the
 * window. All counts decay in event time with {@link CovisitParams#halfLifeMs()}, lazily as {@link
 * io.reelstream.udfs.mf.DecayedCount} does. A title in a window is dated by the member's latest
 * interaction with it and n(t) counts each window stay at that date; a pair counts at the earlier
 * of its two titles' dates when it forms, so decay never lets c(t, s) outgrow n(t) or n(s).
 * Similarity is cosine on the decayed counts, sim(t, s) = c(t, s) / sqrt(n(t) n(s)), all decayed to
 * one common time: the ratio is the same at any common time, so it is computed from the stored
 * values with one exponential of their age differences, never underflows to 0/0 and needs no clock.
 * Per title only {@link CovisitParams#candidates()} neighbours are held ({@link NeighbourMap}
 * evicts the weakest count) and the K most similar of them recommend.
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
 * <p>It composes the two halves the streaming job distributes: a {@link CovisitWindow} per member
 * (which titles pair, at which dates) and a {@link TitleNeighbours} per title (n(t), the bounded
 * candidates, cosine top-K), here with exact n(s). Members and titles are dense rows chosen by the
 * caller. Not thread-safe.
 */
public final class CovisitLearner {

    private final CovisitParams params;
    private TitleNeighbours[] titleSides = new TitleNeighbours[64];
    private int titles;

    @SuppressWarnings("unchecked")
    private CovisitWindow<Integer>[] windows = new CovisitWindow[64];

    private long clock = Long.MIN_VALUE;

    /** Exact n(s): every title's own count. */
    private final NeighbourCounts exactCounts =
            new NeighbourCounts() {
                @Override
                public double count(int neighbour) {
                    return neighbour < titles && titleSides[neighbour] != null
                            ? titleSides[neighbour].count()
                            : 0.0;
                }

                @Override
                public long countAsOf(int neighbour) {
                    return neighbour < titles && titleSides[neighbour] != null
                            ? titleSides[neighbour].countAsOf()
                            : Long.MIN_VALUE;
                }
            };

    /** Applies a window's changes to the title sides at once (the job sends them as messages). */
    private final CovisitWindow.Changes<Integer> applyChanges =
            new CovisitWindow.Changes<>() {
                @Override
                public void countChanged(Integer title, double weight, long eventTime) {
                    titleSide(title).addCount(weight, eventTime);
                }

                @Override
                public void paired(Integer title, Integer other, long pairTime) {
                    titleSide(title).addPair(other, pairTime);
                    titleSide(other).addPair(title, pairTime);
                }
            };

    private final TopNSelector topK;
    private final int[] candidateRows;
    private final float[] candidateSims;
    private double[] scores = new double[64];
    private int[] touched = new int[64];
    private float[] touchedScores = new float[64];

    public CovisitLearner(CovisitParams params) {
        this.params = params;
        this.topK = new TopNSelector(params.neighbours());
        this.candidateRows = new int[params.candidates()];
        this.candidateSims = new float[params.candidates()];
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
        return windows[member].learn(title, weight, eventTime, applyChanges);
    }

    /** n(t) decayed to the clock. */
    public double itemCount(int title) {
        TitleNeighbours side = title < titles ? titleSides[title] : null;
        return side == null ? 0.0 : side.countAt(clock);
    }

    /** c(t, s) decayed to the clock, 0 if s is not (or no longer) a candidate of t. */
    public double count(int title, int neighbour) {
        TitleNeighbours side = title < titles ? titleSides[title] : null;
        return side == null ? 0.0 : side.pairCountAt(neighbour, clock);
    }

    /** sim(t, s) = c(t, s) / sqrt(n(t) n(s)) at any common time; 0 without counts. */
    public double similarity(int title, int neighbour) {
        TitleNeighbours side = title < titles ? titleSides[title] : null;
        return side == null ? 0.0 : side.similarity(neighbour, exactCounts);
    }

    /** Neighbour candidates held for {@code title} (at most {@link CovisitParams#candidates()}). */
    public int candidateCount(int title) {
        TitleNeighbours side = title < titles ? titleSides[title] : null;
        return side == null ? 0 : side.candidates();
    }

    /** Candidates dropped or evicted for {@code title} because its map was full. */
    public long evictions(int title) {
        TitleNeighbours side = title < titles ? titleSides[title] : null;
        return side == null ? 0 : side.evictions();
    }

    /** The member's window, newest first. */
    public int[] recent(int member) {
        CovisitWindow<Integer> window = member < windows.length ? windows[member] : null;
        int size = window == null ? 0 : window.size();
        int[] out = new int[size];
        for (int p = 0; p < size; p++) {
            out[p] = window.title(size - 1 - p);
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
        CovisitWindow<Integer> window = member < windows.length ? windows[member] : null;
        int size = window == null ? 0 : window.size();
        if (size == 0) {
            return selector.selectRows(touched, touchedScores, 0, n);
        }
        for (int i = 0; i < size; i++) {
            scores[window.title(i)] = -1.0;
        }
        int m = 0;
        for (int p = 0; p < size; p++) {
            double vote = params.recencyWeight(p);
            int count = topNeighbours(window.title(size - 1 - p));
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
            scores[window.title(i)] = 0;
        }
        return selector.selectRows(touched, touchedScores, m, n);
    }

    /** Fills {@link #topK} with the K most similar positive-similarity neighbours of a title. */
    private int topNeighbours(int title) {
        TitleNeighbours side = title < titles ? titleSides[title] : null;
        return side == null
                ? topK.selectRows(candidateRows, candidateSims, 0, 0)
                : side.top(topK, exactCounts, candidateRows, candidateSims);
    }

    private TitleNeighbours titleSide(int title) {
        TitleNeighbours side = titleSides[title];
        if (side == null) {
            side = new TitleNeighbours(params);
            titleSides[title] = side;
        }
        return side;
    }

    private void ensureTitle(int title) {
        if (title < 0) {
            throw new IllegalArgumentException("title row must not be negative: " + title);
        }
        if (title >= titleSides.length) {
            int capacity = Math.max(title + 1, titleSides.length * 2);
            titleSides = Arrays.copyOf(titleSides, capacity);
            scores = Arrays.copyOf(scores, capacity);
        }
        titles = Math.max(titles, title + 1);
    }

    private void ensureMember(int member) {
        if (member < 0) {
            throw new IllegalArgumentException("member row must not be negative: " + member);
        }
        if (member >= windows.length) {
            windows = Arrays.copyOf(windows, Math.max(member + 1, windows.length * 2));
        }
        if (windows[member] == null) {
            windows[member] = new CovisitWindow<>(params.window());
        }
    }
}
