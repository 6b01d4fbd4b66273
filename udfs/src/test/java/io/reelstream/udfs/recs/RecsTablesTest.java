package io.reelstream.udfs.recs;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.deadletter.Rejection;

import org.junit.jupiter.api.Test;

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
                        1, "u", new String[] {"a", "b"}, new float[] {2f, 1f}, "model", 1, 7);

        assertThat(table.validate(ok)).isEmpty();
        assertThat(
                        table.validate(
                                new Recommendations(
                                        1, "u", new String[] {"a"}, new float[0], "model", 1, 7)))
                .isPresent();
        assertThat(table.coalesceKey(ok)).isEqualTo("u");
        assertThat(table.cql("ks").get(0))
                .startsWith("INSERT INTO ks.recommendations")
                .contains("USING TIMESTAMP ?");
        assertThat(new ItemFactorsTable(32).cql("ks").get(0)).contains("ks.item_factors");
        assertThat(new ItemFactorsTable(32).hasVectorIndex()).isTrue();
        assertThat(new UserFactorsTable(32).cql("ks").get(0)).contains("ks.user_factors");
    }
}
