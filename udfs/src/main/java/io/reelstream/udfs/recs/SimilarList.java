package io.reelstream.udfs.recs;

import java.util.Arrays;

/**
 * A show's "watched together" neighbours, most similar first, with their cosine similarities; it
 * also decides whether a new list differs visibly from the one last written (so Cassandra is not
 * rewritten for changes nobody can see).
 */
public record SimilarList(String[] neighbours, float[] similarities) {

    public static final SimilarList EMPTY = new SimilarList(new String[0], new float[0]);

    /** A similarity change smaller than this is not visible (shown with two decimals). */
    public static final float VISIBLE_CHANGE = 0.005f;

    /** The list read from state, empty if missing or inconsistent. */
    public static SimilarList of(String[] neighbours, float[] similarities) {
        return neighbours == null
                        || similarities == null
                        || neighbours.length != similarities.length
                ? EMPTY
                : new SimilarList(neighbours, similarities);
    }

    public int size() {
        return neighbours.length;
    }

    /**
     * Whether this list shows differently from {@code written}: other neighbours or another order,
     * or a similarity that moved by {@link #VISIBLE_CHANGE} or more.
     */
    public boolean differsVisiblyFrom(SimilarList written) {
        if (!Arrays.equals(neighbours, written.neighbours)) {
            return true;
        }
        for (int i = 0; i < similarities.length; i++) {
            if (!(Math.abs(similarities[i] - written.similarities[i]) < VISIBLE_CHANGE)) {
                return true;
            }
        }
        return false;
    }
}
