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

    private static final int[] NO_GENRES = new int[0];

    private final Map<String, CatalogShow> shows = new HashMap<>();
    private final Map<String, int[]> genreIdsOfShow = new HashMap<>();
    private final Map<String, Integer> genreIds = new HashMap<>();

    /** Takes in a show's description, merged with what is known of it; returns the merged one. */
    public CatalogShow apply(CatalogShow show) {
        CatalogShow merged = show.merge(shows.get(show.showId()));
        shows.put(show.showId(), merged);
        int[] ids = new int[merged.genres().length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = genreIds.computeIfAbsent(merged.genres()[i], g -> genreIds.size());
        }
        genreIdsOfShow.put(show.showId(), ids);
        return merged;
    }

    /** The show's genre ids; empty when the catalog has not described it. */
    public int[] genresOf(String showId) {
        return genreIdsOfShow.getOrDefault(showId, NO_GENRES);
    }

    /** When the show was first listed, or Long.MIN_VALUE if unknown. */
    public long listedAt(String showId) {
        CatalogShow show = shows.get(showId);
        return show == null ? Long.MIN_VALUE : show.listedAt();
    }

    public int size() {
        return shows.size();
    }
}
