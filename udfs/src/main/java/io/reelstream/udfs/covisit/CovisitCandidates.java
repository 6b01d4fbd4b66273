package io.reelstream.udfs.covisit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A member's co-visitation candidates from published neighbour lists (the item replica in the job):
 * the serving half of {@link CovisitLearner#recommend}, for a member whose window and whose titles'
 * neighbours live in different places. Each window title r (newest first, voting with {@link
 * CovisitParams#recencyWeight}) adds sim(r, s) to each of its first K neighbours s; titles in the
 * window or already seen are skipped; the n best positive scores are returned (ties: smaller id).
 */
public final class CovisitCandidates {

    /** Where each title's top neighbours come from, most similar first. */
    public interface NeighbourLists {

        /** Neighbours of {@code title}, most similar first; empty if none. */
        String[] neighboursOf(String title);

        /** Similarities of {@link #neighboursOf}, same order and length. */
        float[] similaritiesOf(String title);
    }

    /** A candidate and its score (Σ recency weight × similarity). */
    public record Scored(String showId, float score) {}

    private final CovisitParams params;

    public CovisitCandidates(CovisitParams params) {
        this.params = params;
    }

    /**
     * The {@code n} best candidates for the member whose window is {@code window}, excluding the
     * window's titles and {@code seen}.
     */
    public List<Scored> candidates(
            CovisitWindow<String> window, NeighbourLists lists, Set<String> seen, int n) {
        Map<String, Double> scores = new HashMap<>();
        int size = window.size();
        for (int p = 0; p < size; p++) {
            String recent = window.title(size - 1 - p);
            double vote = params.recencyWeight(p);
            String[] neighbours = lists.neighboursOf(recent);
            float[] similarities = lists.similaritiesOf(recent);
            int k = Math.min(params.neighbours(), Math.min(neighbours.length, similarities.length));
            for (int r = 0; r < k; r++) {
                String s = neighbours[r];
                float sim = similarities[r];
                if (s == null || !(sim > 0) || window.contains(s) || seen.contains(s)) {
                    continue;
                }
                scores.merge(s, vote * sim, Double::sum);
            }
        }
        List<Scored> scored = new ArrayList<>(scores.size());
        scores.forEach((s, score) -> scored.add(new Scored(s, (float) (double) score)));
        scored.sort(
                Comparator.comparing(Scored::score, Comparator.reverseOrder())
                        .thenComparing(Scored::showId));
        return scored.subList(0, Math.min(n, scored.size()));
    }
}
