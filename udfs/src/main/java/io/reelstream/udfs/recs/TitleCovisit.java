package io.reelstream.udfs.recs;

import io.reelstream.udfs.covisit.CovisitParams;
import io.reelstream.udfs.covisit.NeighbourCounts;
import io.reelstream.udfs.covisit.TitleNeighbours;
import io.reelstream.udfs.covisit.TitleSuccessors;
import io.reelstream.udfs.mf.TopNSelector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The title side of co-visitation in the job: a {@link TitleNeighbours} loaded from one show's
 * {@link TitleCovisitState}, with show ids mapped to local rows and, per candidate, the newest n(s)
 * heard from members' messages (as fresh as the item replica the members read it from). Applies
 * {@link CovisitMessage}s and computes the show's top-K neighbours, as the replay learner does with
 * exact n(s). It also counts what members start next after the show ({@link TitleSuccessors}, the
 * replay's {@code NextTitleCounts} for this one title).
 */
public final class TitleCovisit implements NeighbourCounts {

    private final CovisitParams params;
    private final TitleNeighbours side;
    private final TitleSuccessors successors;
    private final List<String> ids = new ArrayList<>();
    private final Map<String, Integer> rows = new HashMap<>();
    private double[] heard = new double[16];
    private long[] heardAsOf = new long[16];
    private long[] heardPublishedAt = new long[16];

    private TitleCovisit(CovisitParams params) {
        this.params = params;
        this.side = new TitleNeighbours(params);
        this.successors = new TitleSuccessors(params.candidates(), params.halfLifeMs());
    }

    /** The title side held in {@code state} (null: a show no window has reached yet). */
    public static TitleCovisit restore(CovisitParams params, TitleCovisitState state) {
        TitleCovisit title = new TitleCovisit(params);
        if (state == null) {
            return title;
        }
        title.side.restoreCount(state.count(), state.countAsOf());
        int n = state.neighbours() == null ? 0 : state.neighbours().length;
        for (int i = 0; i < n; i++) {
            String id = state.neighbours()[i];
            if (id != null) {
                int row = title.rowOf(id);
                title.side.restorePair(row, state.pairCounts()[i], state.pairAsOf()[i]);
                title.hear(
                        row,
                        state.neighbourCounts()[i],
                        state.neighbourCountsAsOf()[i],
                        state.neighbourCountsPublishedAt()[i]);
            }
        }
        title.successors.restoreOutgoing(state.successorsTotal(), state.successorsTotalAsOf());
        for (int i = 0; i < state.successorCount(); i++) {
            if (state.successors()[i] != null) {
                title.successors.restoreSuccessor(
                        title.rowOf(state.successors()[i]),
                        state.successorCounts()[i],
                        state.successorAsOf()[i]);
            }
        }
        return title;
    }

    /** Applies one member window's changes for this show. */
    public void apply(CovisitMessage message) {
        if (message.countRemovedAt() != CovisitMessage.NONE) {
            side.addCount(-1.0, message.countRemovedAt());
        }
        if (message.countAddedAt() != CovisitMessage.NONE) {
            side.addCount(1.0, message.countAddedAt());
        }
        for (int i = 0; i < message.pairs(); i++) {
            String id = message.neighbours()[i];
            if (id == null) {
                continue;
            }
            int row = rowOf(id);
            hear(
                    row,
                    message.neighbourCounts()[i],
                    message.neighbourCountsAsOf()[i],
                    message.neighbourCountsPublishedAt()[i]);
            side.addPair(row, message.pairTimes()[i]);
        }
        if (message.hasSuccessor()) {
            successors.learn(rowOf(message.nextShow()), message.nextAt());
        }
    }

    /**
     * The {@code n} shows members most often start next after this one, with P(next = s | last =
     * this show), most probable first.
     */
    public SimilarList topSuccessors(int n) {
        TopNSelector selector = new TopNSelector(n);
        int capacity = Math.max(params.candidates(), ids.size());
        int count = successors.top(selector, new int[capacity], new float[capacity]);
        String[] shows = new String[count];
        float[] probabilities = new float[count];
        for (int r = 0; r < count; r++) {
            shows[r] = ids.get(selector.row(r));
            probabilities[r] = selector.score(r);
        }
        return new SimilarList(shows, probabilities);
    }

    /**
     * Keeps {@code count} as n(neighbour) unless a snapshot published later was heard already; a
     * non-finite or negative count is ignored.
     */
    public void hear(String neighbour, double count, long asOf, long publishedAt) {
        hear(rowOf(neighbour), count, asOf, publishedAt);
    }

    /** n(t) as of {@link #countAsOf()}. */
    public double count() {
        return side.count();
    }

    public long countAsOf() {
        return side.countAsOf();
    }

    /** Candidates held. */
    public int candidates() {
        return side.candidates();
    }

    /** The K most similar candidates, most similar first. */
    public SimilarList top() {
        TopNSelector selector = new TopNSelector(params.neighbours());
        int capacity = Math.max(params.candidates(), ids.size());
        int count = side.top(selector, this, new int[capacity], new float[capacity]);
        String[] neighbours = new String[count];
        float[] similarities = new float[count];
        for (int r = 0; r < count; r++) {
            neighbours[r] = ids.get(selector.row(r));
            similarities[r] = selector.score(r);
        }
        return new SimilarList(neighbours, similarities);
    }

    /** The state to keep, with {@code written} as the list last written to Cassandra. */
    public TitleCovisitState toState(SimilarList written) {
        int n = side.candidates();
        String[] neighbours = new String[n];
        double[] pairCounts = new double[n];
        long[] pairAsOf = new long[n];
        double[] counts = new double[n];
        long[] countsAsOf = new long[n];
        long[] publishedAt = new long[n];
        int i = 0;
        for (int slot = 0; slot < side.slots(); slot++) {
            int row = side.key(slot);
            if (row >= 0) {
                neighbours[i] = ids.get(row);
                pairCounts[i] = side.pairValue(slot);
                pairAsOf[i] = side.pairAsOf(slot);
                counts[i] = heard[row];
                countsAsOf[i] = heardAsOf[row];
                publishedAt[i++] = heardPublishedAt[row];
            }
        }
        int m = successors.size();
        String[] next = new String[m];
        double[] nextCounts = new double[m];
        long[] nextAsOf = new long[m];
        int j = 0;
        for (int slot = 0; slot < successors.slots(); slot++) {
            int row = successors.key(slot);
            if (row >= 0) {
                next[j] = ids.get(row);
                nextCounts[j] = successors.value(slot);
                nextAsOf[j++] = successors.asOf(slot);
            }
        }
        return new TitleCovisitState(
                TitleCovisitState.CURRENT_VERSION,
                side.count(),
                side.countAsOf(),
                neighbours,
                pairCounts,
                pairAsOf,
                counts,
                countsAsOf,
                publishedAt,
                written.neighbours(),
                written.similarities(),
                successors.outgoing(),
                successors.outgoingAsOf(),
                next,
                nextCounts,
                nextAsOf);
    }

    @Override
    public double count(int neighbour) {
        return neighbour < ids.size() ? heard[neighbour] : 0.0;
    }

    @Override
    public long countAsOf(int neighbour) {
        return neighbour < ids.size() ? heardAsOf[neighbour] : Long.MIN_VALUE;
    }

    private void hear(int row, double count, long asOf, long publishedAt) {
        if (!(count >= 0) || Double.isInfinite(count)) {
            return;
        }
        boolean unheard = heardAsOf[row] == Long.MIN_VALUE;
        if (unheard || publishedAt >= heardPublishedAt[row]) {
            heard[row] = count;
            heardAsOf[row] = asOf;
            heardPublishedAt[row] = publishedAt;
        }
    }

    private int rowOf(String id) {
        Integer row = rows.get(id);
        if (row != null) {
            return row;
        }
        int next = ids.size();
        ids.add(id);
        rows.put(id, next);
        if (next == heard.length) {
            heard = Arrays.copyOf(heard, 2 * next);
            heardAsOf = Arrays.copyOf(heardAsOf, 2 * next);
            heardPublishedAt = Arrays.copyOf(heardPublishedAt, 2 * next);
        }
        heard[next] = 0.0;
        heardAsOf[next] = Long.MIN_VALUE;
        heardPublishedAt[next] = CovisitMessage.NONE;
        return next;
    }
}
