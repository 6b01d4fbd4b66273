package io.reelstream.udfs.recs;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.deadletter.Rejection;
import io.reelstream.udfs.ranker.CandidateSource;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecsTablesTest {

    @Test
    void shouldRejectFactorsOfTheWrongDimensionOrNonFinite() {
        ItemFactorsTable items = new ItemFactorsTable(32);
        UserFactorsTable users = new UserFactorsTable(32);

        assertThat(items.validate(new ItemFactorUpdate(1, "s", new float[32], 0f, 0, 0, 0, 1, 5)))
                .isEmpty();
        assertThat(items.validate(new ItemFactorUpdate(1, "s", new float[8], 0f, 0, 0, 0, 1, 5)))
                .map(Rejection::reason)
                .contains(RejectReason.WRONG_DIMENSION);
        float[] nan = new float[32];
        nan[3] = Float.NaN;
        assertThat(users.validate(new UserFactorsRow(1, "u", nan, 1, 5)))
                .map(Rejection::reason)
                .contains(RejectReason.INVALID_VALUE);
        assertThat(users.writeTimestampMicros(new UserFactorsRow(1, "u", new float[32], 1, 5)))
                .isEqualTo(5_000);
    }

    @Test
    void shouldCheckRecommendationListsAndTargetTheirTables() {
        RecommendationsTable table = new RecommendationsTable(50);
        Recommendations ok =
                new Recommendations(
                        2,
                        "u",
                        new String[] {"a", "b"},
                        new float[] {2f, 1f},
                        new int[] {3, 4},
                        "gbdt-1",
                        1,
                        7);

        assertThat(table.validate(ok)).isEmpty();
        assertThat(
                        table.validate(
                                new Recommendations(
                                        2,
                                        "u",
                                        new String[] {"a"},
                                        new float[0],
                                        new int[1],
                                        "blend",
                                        1,
                                        7)))
                .isPresent();
        assertThat(
                        table.validate(
                                new Recommendations(
                                        2,
                                        "u",
                                        new String[] {"a"},
                                        new float[1],
                                        new int[0],
                                        "blend",
                                        1,
                                        7)))
                .as("sources must align with the shows")
                .isPresent();
        assertThat(CandidateSource.storedNames(3)).containsExactly("mf", "covisit");
        assertThat(table.coalesceKey(ok)).isEqualTo("u");
        assertThat(table.cql("ks").get(0))
                .startsWith("INSERT INTO ks.recommendations")
                .contains("sources, ranker")
                .contains("USING TIMESTAMP ?");
        assertThat(new ItemFactorsTable(32).cql("ks").get(0)).contains("ks.item_factors");
        assertThat(new ItemFactorsTable(32).hasVectorIndex()).isTrue();
        assertThat(new UserFactorsTable(32).cql("ks").get(0)).contains("ks.user_factors");
    }

    @Test
    void shouldMapSimilarTitlesToTheirRowAndRejectBadLists() {
        SimilarTitlesTable table = new SimilarTitlesTable(50);
        SimilarTitles row =
                new SimilarTitles(
                        1, "s", new String[] {"a", "b"}, new float[] {0.75f, 0.5f}, 3.5, 7, 5);

        assertThat(table.validate(row)).isEmpty();
        assertThat(SimilarTitlesTable.values(row))
                .containsExactly(
                        "s",
                        1,
                        List.of("a", "b"),
                        List.of(0.75f, 0.5f),
                        3.5,
                        7L,
                        Instant.ofEpochMilli(5),
                        5_000L);
        assertThat(table.cql("ks").get(0))
                .startsWith("INSERT INTO ks.similar_titles")
                .contains("(show_id, row_v, neighbours, similarities, covisit_count,")
                .contains("USING TIMESTAMP ?");
        assertThat(table.coalesceKey(row)).isEqualTo("s");
        assertThat(table.writeTimestampMicros(row)).isEqualTo(5_000);
        assertThat(table.hasVectorIndex()).isFalse();
        assertThat(
                        table.validate(
                                new SimilarTitles(
                                        1, "s", new String[] {"a"}, new float[0], 1, 7, 5)))
                .map(Rejection::reason)
                .contains(RejectReason.INVALID_VALUE);
        assertThat(
                        table.validate(
                                new SimilarTitles(
                                        1,
                                        "s",
                                        new String[] {"a"},
                                        new float[] {Float.NaN},
                                        1,
                                        7,
                                        5)))
                .isPresent();
        assertThat(table.validate(new SimilarTitles(1, "", new String[0], new float[0], 1, 7, 5)))
                .map(Rejection::reason)
                .contains(RejectReason.MISSING_FIELD);
    }

    @Test
    void shouldWriteItemFactorRowsInTheirOwnLayout() {
        assertThat(ItemFactorsTable.ROW_VERSION).isEqualTo(1);
    }
}
