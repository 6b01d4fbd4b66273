package io.reelstream.tests.support;

import io.reelstream.localstack.CassandraNode;
import io.reelstream.localstack.CassandraRing;
import io.reelstream.localstack.schema.SchemaMigrator;
import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.cassandra.CassandraSettings;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Why: replication and node-outage tests need a Cassandra ring of their own, while every other
 * ITCase keeps the one shared node of {@link SharedServices}. This extension starts a ring of
 * {@code n} nodes once per test class (free ports, data under {@code
 * target/cassandra-rings/<TestClass>}) and stops it after the class.
 *
 * <pre>{@code
 * @RegisterExtension static final TestCassandraRing RING = TestCassandraRing.ofNodes(2);
 * String keyspace = RING.migratedKeyspace();              // replication factor 2
 * CassandraSettings sink = RING.sinkOptions(keyspace);     // every node as contact point
 * RING.node(1).stop(); ... RING.node(1).start(); RING.awaitAllUp();
 * session.execute(RING.onlyOn(session, RING.node(1), "SELECT ..."));  // that replica's data alone
 * }</pre>
 *
 * <p>The nodes run with {@code -Dcassandra.enable_nodelocal_queries=true}, so {@link #onlyOn} can
 * read one replica's data without the coordinator consulting (or read-repairing) the other.
 */
public final class TestCassandraRing implements BeforeAllCallback, AfterAllCallback {

    /** Cassandra's NODE_LOCAL level (protocol code 11), which the driver has no constant for. */
    public static final ConsistencyLevel NODE_LOCAL = new NodeLocal();

    private static final Duration JOIN_TIMEOUT = Duration.ofMinutes(3);

    private final int nodes;
    private CassandraRing ring;

    private TestCassandraRing(int nodes) {
        this.nodes = nodes;
    }

    /** A ring of {@code nodes} nodes; register it with {@code @RegisterExtension}. */
    public static TestCassandraRing ofNodes(int nodes) {
        return new TestCassandraRing(nodes);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Path dir =
                Path.of("target", "cassandra-rings", context.getRequiredTestClass().getSimpleName())
                        .toAbsolutePath();
        deleteRecursively(dir);
        ring =
                CassandraRing.builder(dir)
                        .nodes(nodes)
                        .joinTimeout(JOIN_TIMEOUT)
                        .progress(line -> System.out.println("[cassandra-ring] " + line))
                        .eachNode(n -> n.jvmOption("-Dcassandra.enable_nodelocal_queries=true"))
                        .build()
                        .start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (ring != null) {
            ring.close();
            ring = null;
        }
    }

    public CassandraRing ring() {
        return ring;
    }

    public CassandraNode node(int index) {
        return ring.node(index);
    }

    /** Starts any node that is down, then waits until the driver sees every node UP. */
    public void awaitAllUp() {
        ring.start();
        ring.awaitAllUp(JOIN_TIMEOUT);
    }

    /** A session with every node as contact point (caller closes it). */
    public CqlSession newSession() {
        return ring.sessionBuilder().build();
    }

    /** A fresh keyspace with all migrations, replicated to every node (up to 3). */
    public String migratedKeyspace() {
        String keyspace = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (CqlSession session = newSession()) {
            new SchemaMigrator(session).applyLocal(keyspace, ring.replicationFactor());
        }
        return keyspace;
    }

    /** Sink options for {@code keyspace} with every node as contact point. */
    public CassandraSettings sinkOptions(String keyspace) {
        return CassandraSettings.of(ring.contactPointsOption(), keyspace)
                .with(CassandraOptions.LOCAL_DATACENTER, ring.node(0).localDatacenter());
    }

    /**
     * {@code cql} sent to {@code node} as coordinator at NODE_LOCAL: it answers from its own data
     * only, so a row missing on that replica is missing from the result.
     */
    public SimpleStatement onlyOn(CqlSession session, CassandraNode node, String cql) {
        return SimpleStatement.newInstance(cql)
                .setNode(driverNode(session, node))
                .setConsistencyLevel(NODE_LOCAL);
    }

    private static Node driverNode(CqlSession session, CassandraNode node) {
        InetSocketAddress wanted = node.contactPoint();
        return session.getMetadata().getNodes().values().stream()
                .filter(n -> wanted.equals(n.getEndPoint().resolve()))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "The driver does not know " + wanted + " (yet)"));
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }

    /** NODE_LOCAL: only the coordinator's own data (needs cassandra.enable_nodelocal_queries). */
    private static final class NodeLocal implements ConsistencyLevel {
        @Override
        public int getProtocolCode() {
            return 11;
        }

        @Override
        public String name() {
            return "NODE_LOCAL";
        }

        @Override
        public boolean isDcLocal() {
            return false;
        }

        @Override
        public boolean isSerial() {
            return false;
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
