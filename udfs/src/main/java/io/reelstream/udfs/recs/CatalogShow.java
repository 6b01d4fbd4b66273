package io.reelstream.udfs.recs;

import io.reelstream.schemas.events.CatalogRecord;

/**
 * What the member side knows of a show from the catalog (broadcast state beside the item replica):
 * its genres and when it was first listed, for the ranker's genre affinity and title age. Episodes
 * of a series describe the same show: the newest catalog version's genres win, and the show is
 * listed since the earliest version seen of any of its titles.
 *
 * @param v version of this layout ({@link #CURRENT_VERSION})
 * @param showId the show (the series of an episode, else the title)
 * @param genres genre names, most specific first
 * @param genresAt catalog time of the version the genres come from, epoch ms
 * @param listedAt earliest catalog time seen for the show, epoch ms
 */
public record CatalogShow(int v, String showId, String[] genres, long genresAt, long listedAt) {

    public static final int CURRENT_VERSION = 1;

    /** The show one catalog record describes. */
    public static CatalogShow of(CatalogRecord title) {
        String[] genres =
                title.genres() == null ? new String[0] : title.genres().toArray(new String[0]);
        return new CatalogShow(
                CURRENT_VERSION, title.showId(), genres, title.updatedAt(), title.updatedAt());
    }

    /** This show merged with another description of it ({@code other} may be null). */
    public CatalogShow merge(CatalogShow other) {
        if (other == null) {
            return this;
        }
        CatalogShow newer = other.genresAt() > genresAt ? other : this;
        return new CatalogShow(
                CURRENT_VERSION,
                showId,
                newer.genres(),
                newer.genresAt(),
                Math.min(listedAt, other.listedAt()));
    }
}
