package io.reelstream.udfs.continuewatching.model;

import io.reelstream.udfs.continuewatching.CatalogTitle;

/** Read access to the catalog the row logic needs; titles unknown to the catalog return null. */
public interface CatalogLookup {

    /** The catalog entry of a title, or {@code null} when the catalog does not know it. */
    CatalogTitle title(String titleId);

    /** The episode after {@code episode} in its series, or {@code null} if none is known. */
    CatalogTitle nextEpisode(CatalogTitle episode);
}
