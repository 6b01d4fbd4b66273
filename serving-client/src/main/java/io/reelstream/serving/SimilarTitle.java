package io.reelstream.serving;

import java.util.ArrayList;
import java.util.List;

/**
 * A show similar to another: by cosine similarity of item factors ("close in taste", 1 = same
 * direction) or of co-visitation counts ("watched together", 1 = always watched together).
 */
public record SimilarTitle(String showId, float similarity) {

    /**
     * The first {@code k} pairs of two parallel lists (a {@code similar_titles} row), stopping at
     * the shorter list or a null entry.
     */
    static List<SimilarTitle> zip(List<String> showIds, List<Float> similarities, int k) {
        List<SimilarTitle> out = new ArrayList<>();
        int n = Math.min(k, Math.min(size(showIds), size(similarities)));
        for (int i = 0; i < n; i++) {
            if (showIds.get(i) == null || similarities.get(i) == null) {
                break;
            }
            out.add(new SimilarTitle(showIds.get(i), similarities.get(i)));
        }
        return out;
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }
}
