package io.reelstream.tests.cassandra;

import io.reelstream.localstack.schema.Migration;
import io.reelstream.localstack.schema.Migrations;
import io.reelstream.localstack.schema.SchemaMigrator;
import io.reelstream.tests.support.SharedServices;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped migrations apply to a real node, idempotently, and guard against edits. */
class SchemaMigratorITCase {

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    private static final List<String> SERVING_TABLES =
            List.of(
                    "user_features",
                    "feature_sets",
                    "continue_watching",
                    "playback_qoe",
                    "qoe_alerts",
                    "user_factors",
                    "item_factors",
                    "recommendations",
                    "similar_titles",
                    "schema_migrations");

    @Test
    void shouldCreateEveryServingTableOnceAndBeANoOpWhenRerun() {
        String keyspace = SERVICES.uniqueKeyspace();
        List<Migration> shipped = Migrations.fromClasspath();
        try (CqlSession session = SERVICES.newSession()) {
            SchemaMigrator migrator = new SchemaMigrator(session);

            List<Migration> first = migrator.applyLocal(keyspace);
            List<Migration> second = migrator.applyLocal(keyspace);

            assertThat(first).isEqualTo(shipped);
            assertThat(first)
                    .extracting(Migration::version)
                    .contains(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
            assertThat(second).isEmpty();
            KeyspaceMetadata metadata = session.getMetadata().getKeyspace(keyspace).orElseThrow();
            assertThat(metadata.getTables().keySet())
                    .extracting(id -> id.asInternal())
                    .containsAll(SERVING_TABLES);
            assertThat(metadata.getTable("item_factors").orElseThrow().getIndexes()).isNotEmpty();
            assertThat(metadata.getTable("recommendations").orElseThrow().getColumns().keySet())
                    .extracting(Object::toString)
                    .contains("sources", "ranker");
            assertThat(metadata.getReplication()).containsEntry("replication_factor", "1");
            assertThat(migrator.appliedChecksums(keyspace)).hasSize(shipped.size());
        }
    }

    @Test
    void shouldFailLoudlyWhenAnAppliedMigrationWasChanged(@TempDir Path folder) throws Exception {
        String keyspace = SERVICES.uniqueKeyspace();
        Files.writeString(
                folder.resolve("V001__keyspace.cql"),
                "CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = ${replication};");
        Files.writeString(
                folder.resolve("V002__things.cql"),
                "CREATE TABLE IF NOT EXISTS ${keyspace}.things (id text PRIMARY KEY);");
        try (CqlSession session = SERVICES.newSession()) {
            SchemaMigrator migrator = new SchemaMigrator(session);
            assertThat(
                            migrator.apply(
                                    keyspace,
                                    SchemaMigrator.LOCAL_REPLICATION,
                                    Migrations.fromDirectory(folder)))
                    .hasSize(2);

            Files.writeString(
                    folder.resolve("V002__things.cql"),
                    "CREATE TABLE IF NOT EXISTS ${keyspace}.things (id text PRIMARY KEY, x int);");
            Files.writeString(
                    folder.resolve("V003__more.cql"), "ALTER TABLE ${keyspace}.things ADD y int;");

            assertThatThrownBy(
                            () ->
                                    migrator.apply(
                                            keyspace,
                                            SchemaMigrator.LOCAL_REPLICATION,
                                            Migrations.fromDirectory(folder)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("V002__things.cql was changed");
            assertThat(migrator.appliedChecksums(keyspace)).containsOnlyKeys(1, 2);
        }
    }
}
