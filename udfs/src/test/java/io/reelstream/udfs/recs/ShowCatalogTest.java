package io.reelstream.udfs.recs;

import io.reelstream.udfs.recs.model.ShowCatalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShowCatalogTest {

    @Test
    void theNewestGenresAndTheEarliestListingWinInAnyOrder() {
        CatalogShow pilot = show("series-1", 100L, "drama");
        CatalogShow laterEpisode = show("series-1", 300L, "crime", "drama");
        CatalogShow fix = show("series-1", 200L, "documentary");

        ShowCatalog forward = new ShowCatalog();
        forward.apply(pilot);
        forward.apply(fix);
        forward.apply(laterEpisode);
        ShowCatalog backward = new ShowCatalog();
        backward.apply(laterEpisode);
        backward.apply(fix);
        CatalogShow merged = backward.apply(pilot);

        for (ShowCatalog catalog : new ShowCatalog[] {forward, backward}) {
            assertThat(catalog.listedAt("series-1")).isEqualTo(100L);
            assertThat(catalog.genresOf("series-1")).hasSize(2);
            assertThat(catalog.size()).isEqualTo(1);
        }
        assertThat(merged.genres()).containsExactly("crime", "drama");
        assertThat(merged.genresAt()).isEqualTo(300L);
    }

    @Test
    void genresGetOneIdAcrossShowsAndAnUnknownShowHasNone() {
        ShowCatalog catalog = new ShowCatalog();
        catalog.apply(show("a", 1L, "drama", "crime"));
        catalog.apply(show("b", 1L, "crime"));

        assertThat(catalog.genresOf("b")[0]).isEqualTo(catalog.genresOf("a")[1]);
        assertThat(catalog.genresOf("unknown")).isEmpty();
        assertThat(catalog.listedAt("unknown")).isEqualTo(Long.MIN_VALUE);
    }

    private static CatalogShow show(String id, long at, String... genres) {
        return new CatalogShow(CatalogShow.CURRENT_VERSION, id, genres, at, at);
    }
}
