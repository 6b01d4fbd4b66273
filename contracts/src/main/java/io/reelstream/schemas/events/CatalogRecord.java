package io.reelstream.schemas.events;

import java.util.List;

/**
 * One title of the catalog (contract {@code catalog}, version {@link #CURRENT_VERSION}); the
 * catalog topic is compacted and keyed by {@code titleId}, the newest {@code updatedAt} wins.
 *
 * @param v contract version of the payload
 * @param titleId the title (movie or episode)
 * @param name display name
 * @param kind movie or episode
 * @param seriesId for episodes: the series (show) id; for movies {@code null}
 * @param season for episodes: season number, from 1 (optional)
 * @param episode for episodes: episode number within the season, from 1 (optional)
 * @param runtimeMs runtime, ms
 * @param creditsOffsetMs position where end credits start, ms (optional)
 * @param genres genre names, most specific first
 * @param updatedAt when this catalog version was published, epoch ms
 */
public record CatalogRecord(
        int v,
        String titleId,
        String name,
        TitleKind kind,
        String seriesId,
        Integer season,
        Integer episode,
        long runtimeMs,
        Long creditsOffsetMs,
        List<String> genres,
        long updatedAt) {

    public static final int CURRENT_VERSION = 1;

    /** The show a member is recommended: the series for an episode, the title itself otherwise. */
    public String showId() {
        return seriesId != null ? seriesId : titleId;
    }
}
