package io.reelstream.udfs.continuewatching;

import io.reelstream.schemas.events.CatalogRecord;

import java.util.Objects;

/**
 * The slice of a catalog record the continue-watching row needs (runtime, credits, series order),
 * kept in broadcast state as a versioned Flink POJO without the genre list.
 */
public class CatalogTitle {

    public static final int CURRENT_VERSION = 1;

    public int v = CURRENT_VERSION;
    public String titleId;

    /** Series id for episodes, {@code null} for movies. */
    public String seriesId;

    public Integer season;
    public Integer episode;
    public long runtimeMs;
    public Long creditsOffsetMs;
    public long updatedAt;

    public CatalogTitle() {}

    public static CatalogTitle of(CatalogRecord record) {
        CatalogTitle title = new CatalogTitle();
        title.titleId = record.titleId();
        title.seriesId = record.seriesId();
        title.season = record.season();
        title.episode = record.episode();
        title.runtimeMs = record.runtimeMs();
        title.creditsOffsetMs = record.creditsOffsetMs();
        title.updatedAt = record.updatedAt();
        return title;
    }

    /** The row slot this title competes for: its series, or itself for a movie. */
    public String showId() {
        return seriesId != null ? seriesId : titleId;
    }

    /** Whether this title has a place in a series order, so a next episode can follow it. */
    public boolean isOrderedEpisode() {
        return seriesId != null && season != null && episode != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CatalogTitle t
                && v == t.v
                && runtimeMs == t.runtimeMs
                && updatedAt == t.updatedAt
                && Objects.equals(titleId, t.titleId)
                && Objects.equals(seriesId, t.seriesId)
                && Objects.equals(season, t.season)
                && Objects.equals(episode, t.episode)
                && Objects.equals(creditsOffsetMs, t.creditsOffsetMs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(titleId, updatedAt);
    }

    @Override
    public String toString() {
        return "CatalogTitle{" + titleId + " " + seriesId + " S" + season + "E" + episode + "}";
    }
}
