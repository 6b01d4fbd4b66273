package io.reelstream.generator;

import io.reelstream.schemas.events.CatalogRecord;

import java.util.List;

/**
 * A movie (one title) or a series (its episodes in viewing order), with the taste cluster it was
 * planted in and its global popularity rank (0 = most popular).
 */
public record Show(String showId, int cluster, int popularityRank, List<CatalogRecord> titles) {

    public boolean isSeries() {
        return titles.size() > 1 || titles.get(0).seriesId() != null;
    }
}
