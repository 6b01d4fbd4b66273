package io.reelstream.udfs.recs.model;

import io.reelstream.udfs.recs.CatalogShow;

import java.util.HashMap;
import java.util.Map;

/**
 * The member side's view of the catalog, by show: genres as dense ids (for {@link
 * io.reelstream.udfs.ranker.GenreProfile}) and when each show was first listed. Rebuilt from the
 * broadcast state after a restore; one per operator instance.
 */
public final class ShowCatalog {

    /**
     * What the ranker reads of one show: one lookup per candidate.
     *
     * @param show the merged description (null when the catalog has not described the show)
     * @param genreIds its genres as dense ids (empty when unknown)
     */
    public record Entry(CatalogShow show, int[] genreIds) {

        /** When the show was first listed, or Long.MIN_VALUE if unknown. */
        public long listedAt() {
            return show == null ? Long.MIN_VALUE : show.listedAt();
        }
    }

    private static final Entry UNKNOWN = new Entry(null, new int[0]);

    private final Map<String, Entry> shows = new HashMap<>();
    private final Map<String, Integer> genreIds = new HashMap<>();

    /** Takes in a show's description, merged with what is known of it; returns the merged one. */
    public CatalogShow apply(CatalogShow show) {
        CatalogShow merged = show.merge(entry(show.showId()).show());
        int[] ids = new int[merged.genres().length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = genreIds.computeIfAbsent(merged.genres()[i], g -> genreIds.size());
        }
        shows.put(show.showId(), new Entry(merged, ids));
        return merged;
    }

    /** The show's entry; an empty one when the catalog has not described it. */
    public Entry entry(String showId) {
        return shows.getOrDefault(showId, UNKNOWN);
    }

    /** The show's genre ids; empty when the catalog has not described it. */
    public int[] genresOf(String showId) {
        return entry(showId).genreIds();
    }

    /** When the show was first listed, or Long.MIN_VALUE if unknown. */
    public long listedAt(String showId) {
        return entry(showId).listedAt();
    }

    public int size() {
        return shows.size();
    }
}
