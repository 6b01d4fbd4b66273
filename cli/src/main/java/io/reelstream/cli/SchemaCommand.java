package io.reelstream.cli;

import io.reelstream.localstack.schema.Migration;
import io.reelstream.localstack.schema.Migrations;
import io.reelstream.localstack.schema.SchemaMigrator;

import com.datastax.oss.driver.api.core.CqlSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code reelstream schema apply}: applies the numbered CQL migrations of {@code
 * deploy/cassandra/migrations} to a real cluster, idempotently.
 */
@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        description = "Manage the Cassandra serving schema.",
        subcommands = {SchemaCommand.Apply.class})
public final class SchemaCommand implements Runnable {

    @Override
    public void run() {
        System.out.println(
                "Use: reelstream schema apply --cassandra host:port [--replication ...]");
    }

    /** Applies every migration not applied yet; a changed applied migration fails loudly. */
    @Command(
            name = "apply",
            mixinStandardHelpOptions = true,
            description = "Apply pending migrations (idempotent).")
    static final class Apply implements Callable<Integer> {
        @Mixin CassandraTarget target;

        @Option(
                names = "--migrations",
                description =
                        "Folder of V###__name.cql files (default: the ones shipped in this build).")
        java.nio.file.Path migrations;

        @Option(
                names = "--replication",
                description =
                        "Keyspace replication map, e.g. \"{'class': 'NetworkTopologyStrategy',"
                                + " 'dc1': 3}\" (default: SimpleStrategy RF 1).")
        String replication;

        @Option(
                names = "--username",
                description = "Cassandra user (password from env CASSANDRA_PASSWORD).")
        String username;

        @Override
        public Integer call() throws Exception {
            var builder =
                    CqlSession.builder()
                            .addContactPoint(target.contactPoint())
                            .withLocalDatacenter(target.datacenter);
            if (username != null) {
                builder.withAuthCredentials(
                        username, System.getenv().getOrDefault("CASSANDRA_PASSWORD", ""));
            }
            String keyspace = target.keyspace();
            try (CqlSession session = builder.build()) {
                SchemaMigrator migrator = new SchemaMigrator(session);
                List<Migration> applied =
                        migrator.apply(
                                keyspace,
                                replication == null
                                        ? SchemaMigrator.LOCAL_REPLICATION
                                        : replication,
                                migrations == null
                                        ? Migrations.fromClasspath()
                                        : Migrations.fromDirectory(migrations));
                System.out.printf(
                        "Keyspace %s: %d migration(s) applied now%n", keyspace, applied.size());
                for (Migration m : applied) {
                    System.out.println("  " + m);
                }
            }
            return 0;
        }
    }
}
