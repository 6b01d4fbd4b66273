package io.reelstream.udfs.continuewatching.model;

import io.reelstream.udfs.continuewatching.CatalogTitle;
import io.reelstream.udfs.continuewatching.ContinueWatchingFixtures;

import org.junit.jupiter.api.Test;

import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.SERIES;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.episode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Catalog lookups: newest version wins, next episode crosses seasons, settings are checked. */
class InMemoryCatalogTest {

    @Test
    void nextEpisodeFollowsSeasonThenEpisodeOrderAcrossSeasons() {
        InMemoryCatalog catalog = ContinueWatchingFixtures.catalogIndex();

        assertThat(catalog.nextEpisode(catalog.title(episode(1, 2))).titleId)
                .isEqualTo(episode(1, 3));
        assertThat(catalog.nextEpisode(catalog.title(episode(1, 3))).titleId)
                .isEqualTo(episode(2, 1));
        assertThat(catalog.nextEpisode(catalog.title(episode(2, 3)))).isNull();
        assertThat(catalog.nextEpisode(catalog.title(ContinueWatchingFixtures.MOVIE))).isNull();
        assertThat(catalog.nextEpisode(null)).isNull();
    }

    @Test
    void theNewestVersionOfATitleWinsAndMovesItInItsSeries() {
        InMemoryCatalog catalog = ContinueWatchingFixtures.catalogIndex();
        CatalogTitle moved = copy(catalog.title(episode(1, 1)));
        moved.season = 3;
        moved.episode = 1;
        moved.updatedAt += 1;
        CatalogTitle stale = copy(catalog.title(episode(1, 1)));
        stale.runtimeMs = 1;
        stale.updatedAt -= 1;

        assertThat(catalog.put(moved)).isTrue();
        assertThat(catalog.put(stale)).isFalse();

        assertThat(catalog.title(episode(1, 1)).season).isEqualTo(3);
        assertThat(catalog.nextEpisode(catalog.title(episode(2, 3))).titleId)
                .isEqualTo(episode(1, 1));
        assertThat(catalog.size()).isEqualTo(7);
        assertThat(catalog.title(episode(1, 1)).showId()).isEqualTo(SERIES);
    }

    @Test
    void settingsRejectImpossibleValues() {
        assertThatThrownBy(() -> new ContinueWatchingSettings(0, 1, 1, 1000, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContinueWatchingSettings(1.5, 1, 1, 1000, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContinueWatchingSettings(0.9, 1, 0, 1000, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContinueWatchingSettings(0.9, 1, 1, 10, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static CatalogTitle copy(CatalogTitle t) {
        CatalogTitle c = new CatalogTitle();
        c.titleId = t.titleId;
        c.seriesId = t.seriesId;
        c.season = t.season;
        c.episode = t.episode;
        c.runtimeMs = t.runtimeMs;
        c.creditsOffsetMs = t.creditsOffsetMs;
        c.updatedAt = t.updatedAt;
        return c;
    }
}
