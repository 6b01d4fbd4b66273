package io.reelstream.localstack.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Applies the numbered CQL migrations to one keyspace, in order and idempotently: applied versions
 * and checksums are recorded in {@code <keyspace>.schema_migrations}, re-running is a no-op, and an
 * applied file that was changed afterwards fails loudly instead of drifting. Used by the local
 * stack, the tests (unique keyspaces) and {@code reelstream schema apply} (real clusters).
 */
public final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    /** Replication of the local single-node stack. */
    public static final String LOCAL_REPLICATION = simpleReplication(1);

    private static final Pattern KEYSPACE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,47}");

    /** Schema changes wait for agreement; the driver's default 2 s request timeout is too short. */
    private static final Duration DDL_TIMEOUT = Duration.ofSeconds(60);

    private final CqlSession session;
    private final Set<String> historyTables = new HashSet<>();

    public SchemaMigrator(CqlSession session) {
        this.session = session;
    }

    /**
     * Applies every migration not yet recorded in {@code keyspace}.
     *
     * @param keyspace lower-case keyspace name, substituted for {@code ${keyspace}}
     * @param replication replication map in CQL, substituted for {@code ${replication}}
     * @param migrations the migrations, any order
     * @return the migrations applied by this call (empty if the schema was up to date)
     * @throws IllegalStateException if an applied migration's file has changed since
     */
    public List<Migration> apply(String keyspace, String replication, List<Migration> migrations) {
        if (!KEYSPACE_NAME.matcher(keyspace).matches()) {
            throw new IllegalArgumentException("Not a valid keyspace name: " + keyspace);
        }
        List<Migration> ordered = new ArrayList<>(migrations);
        ordered.sort(null);
        Map<String, String> placeholders = Map.of("keyspace", keyspace, "replication", replication);
        Map<Integer, String> applied = appliedChecksums(keyspace);
        List<Migration> appliedNow = new ArrayList<>();
        for (Migration migration : ordered) {
            String recorded = applied.get(migration.version());
            if (recorded != null) {
                verifyUnchanged(keyspace, migration, recorded);
                continue;
            }
            LOG.info("Applying migration {} to keyspace {}", migration, keyspace);
            for (String statement : migration.statements(placeholders)) {
                execute(SimpleStatement.newInstance(statement));
            }
            record(keyspace, migration);
            appliedNow.add(migration);
        }
        LOG.info(
                "Keyspace {} is at version {} ({} migration(s) applied now)",
                keyspace,
                ordered.isEmpty() ? 0 : ordered.get(ordered.size() - 1).version(),
                appliedNow.size());
        return appliedNow;
    }

    /** Applies the migrations shipped on the classpath with the local replication. */
    public List<Migration> applyLocal(String keyspace) {
        return apply(keyspace, LOCAL_REPLICATION, Migrations.fromClasspath());
    }

    /**
     * Applies the migrations shipped on the classpath with {@code replicationFactor} replicas
     * (SimpleStrategy), e.g. 2 on a local ring of 2 nodes. Only a new keyspace takes it: V001
     * creates the keyspace if it does not exist and never alters one.
     */
    public List<Migration> applyLocal(String keyspace, int replicationFactor) {
        return apply(keyspace, simpleReplication(replicationFactor), Migrations.fromClasspath());
    }

    /** {@code {'class': 'SimpleStrategy', 'replication_factor': n}} for one data center. */
    public static String simpleReplication(int replicationFactor) {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be >= 1");
        }
        return "{'class': 'SimpleStrategy', 'replication_factor': " + replicationFactor + "}";
    }

    /** Versions and checksums recorded in {@code keyspace}, empty if it does not exist yet. */
    public Map<Integer, String> appliedChecksums(String keyspace) {
        Map<Integer, String> applied = new HashMap<>();
        if (session.getMetadata().getKeyspace(keyspace).isEmpty()) {
            return applied;
        }
        createHistoryTable(keyspace);
        for (Row row :
                execute(
                        SimpleStatement.newInstance(
                                "SELECT version, checksum FROM "
                                        + keyspace
                                        + ".schema_migrations"))) {
            applied.put(row.getInt("version"), row.getString("checksum"));
        }
        return applied;
    }

    private void verifyUnchanged(String keyspace, Migration migration, String recorded) {
        if (!recorded.equals(migration.checksum())) {
            throw new IllegalStateException(
                    "Migration "
                            + migration
                            + " was changed after it was applied to keyspace "
                            + keyspace
                            + " (recorded checksum "
                            + recorded
                            + ", file checksum "
                            + migration.checksum()
                            + "). Applied migrations are immutable: add a new numbered file.");
        }
    }

    private void record(String keyspace, Migration migration) {
        createHistoryTable(keyspace);
        execute(
                SimpleStatement.newInstance(
                        "INSERT INTO "
                                + keyspace
                                + ".schema_migrations (version, description, file_name, checksum,"
                                + " applied_at) VALUES (?, ?, ?, ?, ?)",
                        migration.version(),
                        migration.description(),
                        migration.fileName(),
                        migration.checksum(),
                        Instant.now()));
    }

    private void createHistoryTable(String keyspace) {
        if (!historyTables.add(keyspace)) {
            return;
        }
        execute(
                SimpleStatement.newInstance(
                        "CREATE TABLE IF NOT EXISTS "
                                + keyspace
                                + ".schema_migrations (version int PRIMARY KEY, description text,"
                                + " file_name text, checksum text, applied_at timestamp)"
                                + " WITH comment = 'Applied schema migrations (SchemaMigrator)'"));
    }

    private ResultSet execute(SimpleStatement statement) {
        return session.execute(
                statement
                        .setTimeout(DDL_TIMEOUT)
                        .setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM));
    }
}
