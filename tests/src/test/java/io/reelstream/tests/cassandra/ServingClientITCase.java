package io.reelstream.tests.cassandra;

import io.reelstream.schemas.features.UserFeatureVector;
import io.reelstream.serving.ContinueWatching;
import io.reelstream.serving.FeatureSet;
import io.reelstream.serving.ItemFactors;
import io.reelstream.serving.Recommendation;
import io.reelstream.serving.ServingClient;
import io.reelstream.serving.SimilarTitle;
import io.reelstream.serving.UserFeatures;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.udfs.features.UserFeaturesTable;
import io.reelstream.udfs.recs.SimilarTitles;
import io.reelstream.udfs.recs.SimilarTitlesTable;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.data.CqlVector;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every serving read against rows in the real schema, including ANN over item factors. */
class ServingClientITCase {

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    private static final Instant T1 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-02T10:00:00Z");

    @Test
    void shouldServeEveryReadFromOnePartition() {
        String keyspace = CassandraSinkITCase.migratedKeyspace();
        try (CqlSession session = SERVICES.newSession();
                ServingClient client = new ServingClient(session, keyspace)) {
            seedUser(session, keyspace);

            Optional<UserFeatures> features = client.userFeatures("u1");
            assertThat(features).isPresent();
            assertThat(features.get().featureSet("engagement").orElseThrow().value("plays_7d"))
                    .isEqualTo(3f);
            assertThat(client.userFeatures("nobody")).isEmpty();

            ContinueWatching cw = client.continueWatching("u1").orElseThrow();
            assertThat(cw.entries()).extracting(e -> e.titleId()).containsExactly("t9", "t3");
            assertThat(cw.entries().get(0).progress()).isEqualTo(0.5f);
            assertThat(client.continueWatching("nobody")).isEmpty();

            List<Recommendation> recs = client.recommendations("u1");
            assertThat(recs).extracting(Recommendation::showId).containsExactly("s7", "s8");
            assertThat(recs).allMatch(r -> r.generatedAt().equals(T2));
        }
    }

    @Test
    void shouldNameValuesOnlyRowsFromTheirFeatureSetVersionBesideOlderRows() {
        String keyspace = CassandraSinkITCase.migratedKeyspace();
        try (CqlSession session = SERVICES.newSession();
                ServingClient client = new ServingClient(session, keyspace)) {
            seedUser(session, keyspace);
            UserFeaturesTable table = new UserFeaturesTable("taste", 2, List.of("a", "b"));
            UserFeatureVector vector =
                    new UserFeatureVector(
                            "u1",
                            "taste",
                            2,
                            T2.toEpochMilli(),
                            1,
                            new String[] {"a", "b", "genre_share_1h:drama"},
                            new double[] {1.5, -1, 0.25},
                            2);
            table.setup(keyspace).forEach(session::execute);
            List<PreparedStatement> prepared =
                    table.cql(keyspace).stream().map(session::prepare).toList();
            table.bind(prepared, vector).forEach(session::execute);

            UserFeatures features = client.userFeatures("u1").orElseThrow();

            FeatureSet taste = features.featureSet("taste").orElseThrow();
            assertThat(taste.version()).isEqualTo(2);
            assertThat(taste.names()).containsExactly("a", "b", "genre_share_1h:drama");
            assertThat(taste.values()).containsExactly(1.5f, -1f, 0.25f);
            assertThat(taste.asOf()).isEqualTo(T2);
            assertThat(features.featureSet("engagement").orElseThrow().value("plays_7d"))
                    .isEqualTo(3f);
        }
    }

    @Test
    void shouldFindSimilarTitlesByAnnOverItemFactors() {
        String keyspace = CassandraSinkITCase.migratedKeyspace();
        try (CqlSession session = SERVICES.newSession();
                ServingClient client = new ServingClient(session, keyspace)) {
            // s0..s4 point roughly along axis 0, s5..s9 along axis 1
            for (int i = 0; i < 10; i++) {
                float[] v = new float[32];
                v[i < 5 ? 0 : 1] = 1f;
                v[2] = i * 0.01f;
                insertItem(session, keyspace, "s" + i, v);
            }

            List<SimilarTitle> similar = client.similarTitles("s0", 4);
            Optional<ItemFactors> s0 = client.itemFactors("s0");

            assertThat(similar)
                    .extracting(SimilarTitle::showId)
                    .containsExactlyInAnyOrder("s1", "s2", "s3", "s4");
            assertThat(similar).allMatch(s -> s.similarity() > 0.9f);
            assertThat(s0.orElseThrow().factors()).hasSize(32).element(0).isEqualTo(1f);
            assertThat(client.similarTitles("missing", 3)).isEmpty();
        }
    }

    @Test
    void shouldServeWatchedTogetherAsTheJobWritesIt() {
        String keyspace = CassandraSinkITCase.migratedKeyspace();
        try (CqlSession session = SERVICES.newSession();
                ServingClient client = new ServingClient(session, keyspace)) {
            SimilarTitlesTable table = new SimilarTitlesTable(50);
            PreparedStatement insert = session.prepare(table.cql(keyspace).get(0));
            SimilarTitles row =
                    new SimilarTitles(
                            SimilarTitles.CURRENT_VERSION,
                            "s0",
                            new String[] {"s3", "s1", "s2"},
                            new float[] {0.9f, 0.6f, 0.3f},
                            4.5,
                            1L,
                            T1.toEpochMilli());
            table.bind(List.of(insert), row).forEach(session::execute);

            assertThat(client.watchedTogether("s0", 2))
                    .containsExactly(new SimilarTitle("s3", 0.9f), new SimilarTitle("s1", 0.6f));
            assertThat(client.watchedTogether("missing", 2)).isEmpty();
        }
    }

    private static void seedUser(CqlSession session, String ks) {
        session.execute(
                SimpleStatement.newInstance(
                        "INSERT INTO "
                                + ks
                                + ".user_features (user_id, feature_set, row_v,"
                                + " feature_set_version, names, feature_values, as_of)"
                                + " VALUES (?, ?, 1, 1, ?, ?, ?)",
                        "u1",
                        "engagement",
                        List.of("plays_7d", "minutes_7d"),
                        List.of(3f, 95.5f),
                        T1));
        UserDefinedType entryType =
                session.getMetadata()
                        .getKeyspace(ks)
                        .flatMap(k -> k.getUserDefinedType("cw_entry"))
                        .orElseThrow();
        List<UdtValue> row = new ArrayList<>();
        row.add(entry(entryType, "t9", 0.5f));
        row.add(entry(entryType, "t3", 0.2f));
        session.execute(
                SimpleStatement.newInstance(
                        "INSERT INTO "
                                + ks
                                + ".continue_watching (user_id, row_v, cw_row, updated_at)"
                                + " VALUES (?, 1, ?, ?)",
                        "u1",
                        row,
                        T1));
        // an older, longer list (3 ranks) partly overwritten by a newer one (2 ranks)
        for (int rank = 1; rank <= 3; rank++) {
            insertRecommendation(session, ks, rank, "old" + rank, T1);
        }
        insertRecommendation(session, ks, 1, "s7", T2);
        insertRecommendation(session, ks, 2, "s8", T2);
    }

    private static UdtValue entry(UserDefinedType type, String title, float progress) {
        return type.newValue()
                .setString("title_id", title)
                .setString("series_id", "series-" + title)
                .setLong("position_ms", 60_000)
                .setLong("runtime_ms", 120_000)
                .setFloat("progress", progress)
                .setInstant("last_watched", T1)
                .setString("device", "TV");
    }

    private static void insertRecommendation(
            CqlSession session, String ks, int rank, String show, Instant generatedAt) {
        session.execute(
                SimpleStatement.newInstance(
                        "INSERT INTO "
                                + ks
                                + ".recommendations (user_id, rank, row_v, show_id, score,"
                                + " model_version, generated_at) VALUES (?, ?, 1, ?, ?, 1, ?)"
                                + " USING TIMESTAMP ?",
                        "u1",
                        rank,
                        show,
                        1f / rank,
                        generatedAt,
                        generatedAt.toEpochMilli() * 1000));
    }

    private static void insertItem(CqlSession session, String ks, String show, float[] v) {
        List<Float> values = new ArrayList<>();
        for (float f : v) {
            values.add(f);
        }
        session.execute(
                SimpleStatement.newInstance(
                        "INSERT INTO "
                                + ks
                                + ".item_factors (show_id, row_v, factors, bias, model_version,"
                                + " updated_at) VALUES (?, 1, ?, 0.1, 1, ?)",
                        show,
                        CqlVector.newInstance(values),
                        T1));
    }
}
