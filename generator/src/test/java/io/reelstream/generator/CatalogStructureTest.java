package io.reelstream.generator;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static io.reelstream.generator.GeneratorFixtures.small;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The planted franchises and companion pairs of a catalog, and the knobs that size them. */
class CatalogStructureTest {

    private static Catalog catalog(GeneratorConfig config) {
        return new Catalog(config, new SplittableRandom(config.seed()));
    }

    @Test
    void shouldGroupTheConfiguredShareOfShowsIntoFranchisesOfTwoToFiveMostlyInOneCluster() {
        Catalog catalog = catalog(small().titles(2_000).franchiseShare(0.3).build());
        List<List<Show>> franchises = catalog.franchises().all();
        Set<Show> seen = new HashSet<>();
        int later = 0;
        int laterInCluster = 0;
        for (List<Show> franchise : franchises) {
            assertThat(franchise).hasSizeBetween(2, 5);
            for (int i = 0; i < franchise.size(); i++) {
                Show show = franchise.get(i);
                assertThat(seen.add(show)).as("%s in one franchise only", show.showId()).isTrue();
                if (i > 0) {
                    assertThat(show.popularityRank())
                            .as("the original is the most popular")
                            .isGreaterThan(franchise.get(i - 1).popularityRank());
                    later++;
                    laterInCluster += show.cluster() == franchise.get(0).cluster() ? 1 : 0;
                }
                Show next = i + 1 < franchise.size() ? franchise.get(i + 1) : null;
                assertThat(catalog.franchises().successor(show).orElse(null)).isEqualTo(next);
            }
        }
        assertThat((double) seen.size() / catalog.shows().size()).isCloseTo(0.3, within(0.02));
        assertThat(franchises.stream().mapToInt(List::size).distinct().count()).isGreaterThan(2);
        assertThat((double) laterInCluster / later).isGreaterThan(0.8).isLessThan(1);
    }

    @Test
    void shouldPairTheConfiguredShareOfShowsWithOneCompanionEachOutsideTheirFranchise() {
        Catalog catalog = catalog(small().titles(2_000).companionShare(0.2).build());
        List<List<Show>> pairs = catalog.companions().pairs();
        Set<Show> paired = new HashSet<>();
        int sameCluster = 0;
        for (List<Show> pair : pairs) {
            Show a = pair.get(0);
            Show b = pair.get(1);
            assertThat(paired.add(a) && paired.add(b)).as("one companion per show").isTrue();
            assertThat(catalog.companions().of(a)).contains(b);
            assertThat(catalog.companions().of(b)).contains(a);
            assertThat(catalog.franchises().together(a, b)).isFalse();
            sameCluster += a.cluster() == b.cluster() ? 1 : 0;
        }
        assertThat((double) paired.size() / catalog.shows().size()).isCloseTo(0.2, within(0.02));
        assertThat(sameCluster).isGreaterThan(pairs.size() / 4).isLessThan(pairs.size());
        assertThat(catalog.shows().stream().filter(s -> !paired.contains(s)))
                .allSatisfy(s -> assertThat(catalog.companions().of(s)).isEmpty());
    }

    @Test
    void shouldPlantTheSameStructureForASeedAndAnotherForAnotherSeed() {
        Catalog a = catalog(small().seed(5).build());
        Catalog b = catalog(small().seed(5).build());
        Catalog c = catalog(small().seed(6).build());
        assertThat(ids(a.franchises().all())).isEqualTo(ids(b.franchises().all()));
        assertThat(ids(a.companions().pairs())).isEqualTo(ids(b.companions().pairs()));
        assertThat(ids(a.franchises().all())).isNotEqualTo(ids(c.franchises().all()));
        assertThat(ids(a.companions().pairs())).isNotEqualTo(ids(c.companions().pairs()));
    }

    @Test
    void shouldLeaveTheCatalogRecordsAsTheyAreWithoutStructure() {
        Catalog with = catalog(small().build());
        Catalog without = catalog(small().withoutSequentialStructure().build());
        assertThat(with.titles()).isEqualTo(without.titles());
        assertThat(with.shows()).isEqualTo(without.shows());
        assertThat(with.franchises().all()).isNotEmpty();
        assertThat(without.franchises().all()).isEmpty();
        assertThat(without.companions().pairs()).isEmpty();
    }

    @Test
    void shouldRejectSharesAndProbabilitiesOutsideZeroToOne() {
        assertThatThrownBy(() -> small().franchiseShare(1.1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("franchiseShare");
        assertThatThrownBy(() -> small().followUpProbability(-0.1).build())
                .hasMessageContaining("followUpProbability");
        assertThatThrownBy(() -> small().companionShare(2).build())
                .hasMessageContaining("companionShare");
        assertThatThrownBy(() -> small().companionProbability(1.5).build())
                .hasMessageContaining("companionProbability");
    }

    private static List<List<String>> ids(List<List<Show>> groups) {
        List<List<String>> ids = new ArrayList<>();
        for (List<Show> group : groups) {
            ids.add(group.stream().map(Show::showId).toList());
        }
        return ids;
    }

    private static org.assertj.core.data.Offset<Double> within(double value) {
        return org.assertj.core.data.Offset.offset(value);
    }
}
