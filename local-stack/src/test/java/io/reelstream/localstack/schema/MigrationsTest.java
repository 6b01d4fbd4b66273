package io.reelstream.localstack.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationsTest {

    private static final Map<String, String> PLACEHOLDERS =
            Map.of("keyspace", "ks", "replication", "{'class': 'SimpleStrategy'}");

    @Test
    void shouldShipNumberedMigrationsForEveryServingTable() {
        List<Migration> shipped = Migrations.fromClasspath();
        assertThat(shipped).extracting(Migration::version).startsWith(1, 2, 3, 4, 5, 6, 7);
        String all =
                String.join(
                        "\n",
                        shipped.stream()
                                .flatMap(m -> m.statements(PLACEHOLDERS).stream())
                                .toList());
        for (String table :
                List.of(
                        "ks.user_features",
                        "ks.continue_watching",
                        "ks.playback_qoe",
                        "ks.qoe_alerts",
                        "ks.user_factors",
                        "ks.item_factors",
                        "ks.recommendations",
                        "ks.similar_titles")) {
            assertThat(all).contains("CREATE TABLE IF NOT EXISTS " + table);
        }
        assertThat(all).contains("'StorageAttachedIndex'").doesNotContain("${");
    }

    @Test
    void shouldSplitStatementsIgnoringCommentsAndSemicolonsInStrings() {
        String script =
                "-- header; with semicolon\n"
                        + "CREATE TABLE t (a int PRIMARY KEY) WITH comment = 'x; -- y';\n"
                        + "/* block; */ // line\n"
                        + "INSERT INTO t (a) VALUES (1)";
        assertThat(CqlScript.split(script))
                .containsExactly(
                        "CREATE TABLE t (a int PRIMARY KEY) WITH comment = 'x; -- y'",
                        "INSERT INTO t (a) VALUES (1)");
    }

    @Test
    void shouldReadAFolderInVersionOrderAndChecksumTheRawText(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V010__b.cql"), "SELECT 2;");
        Files.writeString(dir.resolve("V002__a.cql"), "SELECT ${keyspace};");
        Files.writeString(dir.resolve("README.md"), "not a migration");

        List<Migration> migrations = Migrations.fromDirectory(dir);

        assertThat(migrations).extracting(Migration::version).containsExactly(2, 10);
        assertThat(migrations.get(0).statements(PLACEHOLDERS)).containsExactly("SELECT ks");
        assertThat(migrations.get(0).checksum())
                .isEqualTo(Migration.of("V002__a.cql", "SELECT ${keyspace};").checksum())
                .isNotEqualTo(Migration.of("V002__a.cql", "SELECT 1;").checksum());
    }

    @Test
    void shouldRejectDuplicateVersionsAndUnknownPlaceholders(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V002__a.cql"), "SELECT 1;");
        Files.writeString(dir.resolve("V002__b.cql"), "SELECT 2;");
        assertThatThrownBy(() -> Migrations.fromDirectory(dir))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(
                        () ->
                                Migration.of("V003__c.cql", "SELECT ${nope};")
                                        .statements(PLACEHOLDERS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Migration.of("3_c.cql", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
