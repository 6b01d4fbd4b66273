package io.reelstream.udfs.features;

import io.reelstream.schemas.events.CatalogRecord;

/**
 * The genres of one catalog title (versioned Flink POJO): what the feature job keeps of the
 * catalog, in broadcast state, to turn per-title watch time into genre shares.
 */
public class TitleGenres {

    public static final int CURRENT_VERSION = 1;

    public int v = CURRENT_VERSION;
    public String titleId;
    public String[] genres = new String[0];

    /** Catalog publication time; the newest wins. */
    public long updatedAt;

    public TitleGenres() {}

    public TitleGenres(String titleId, String[] genres, long updatedAt) {
        this.titleId = titleId;
        this.genres = genres;
        this.updatedAt = updatedAt;
    }

    /** The genres of a catalog record. */
    public static TitleGenres of(CatalogRecord record) {
        String[] genres =
                record.genres() == null ? new String[0] : record.genres().toArray(new String[0]);
        return new TitleGenres(record.titleId(), genres, record.updatedAt());
    }
}
