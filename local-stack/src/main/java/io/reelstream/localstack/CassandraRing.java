package io.reelstream.localstack;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Why: replication, consistency levels and a node outage can only be exercised on several nodes, so
 * this runs a ring of local Cassandra nodes, one child JVM per loopback address (127.0.0.1,
 * 127.0.0.2, ...), with the same ports on every address, the first node as seed and evenly spaced
 * initial tokens (single-token nodes, so the ranges are even). A ring of one is exactly the single
 * node of earlier releases.
 */
public final class CassandraRing implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraRing.class);

    /** The highest replication factor a local ring uses (one replica per node up to this). */
    public static final int MAX_REPLICATION_FACTOR = 3;

    private final List<CassandraNode> nodes;
    private final Duration joinTimeout;
    private final Consumer<String> progress;

    private CassandraRing(Builder builder) {
        this.joinTimeout = builder.joinTimeout;
        this.progress = builder.progress;
        List<CassandraNode.Builder> customized = new ArrayList<>();
        for (int i = 0; i < builder.size; i++) {
            Path dir =
                    builder.size == 1 ? builder.dataDir : builder.dataDir.resolve("node" + (i + 1));
            customized.add(builder.customizer.apply(CassandraNode.builder(dir)));
        }
        if (builder.size > 1) {
            joinRing(customized);
        }
        this.nodes = customized.stream().map(CassandraNode.Builder::build).toList();
    }

    /**
     * Same ports on every address (the first node's, free ones for 0), seed node 0, even tokens.
     */
    private static void joinRing(List<CassandraNode.Builder> members) {
        int nativePort = FreePort.resolve(members.get(0).nativePort());
        int storagePort = FreePort.resolve(members.get(0).storagePort());
        while (storagePort == nativePort) {
            storagePort = FreePort.pick();
        }
        String seed = address(0) + ":" + storagePort;
        for (int i = 0; i < members.size(); i++) {
            members.get(i)
                    .address(address(i))
                    .nativePort(nativePort)
                    .storagePort(storagePort)
                    .seeds(seed)
                    .initialToken(initialToken(i, members.size()));
        }
    }

    /**
     * A ring whose nodes keep their data under {@code dataDir} ({@code dataDir/node<i>} for several
     * nodes, {@code dataDir} itself for one).
     */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** The loopback address of the {@code index}-th node (0-based): 127.0.0.1, 127.0.0.2, ... */
    public static String address(int index) {
        return "127.0.0." + (index + 1);
    }

    /** Evenly spaced Murmur3 tokens: node i of n starts at -2^63 + i * 2^64 / n. */
    static long initialToken(int index, int size) {
        BigInteger step = BigInteger.TWO.pow(64).divide(BigInteger.valueOf(size));
        return BigInteger.valueOf(Long.MIN_VALUE)
                .add(step.multiply(BigInteger.valueOf(index)))
                .longValueExact();
    }

    /**
     * Starts the nodes one after the other (a joining node must see the seed, and Cassandra refuses
     * two nodes joining at once), then waits until the driver sees every node up. Nodes that run
     * already are left alone.
     */
    public CassandraRing start() {
        for (CassandraNode node : nodes) {
            long begin = System.nanoTime();
            node.start();
            LOG.debug(
                    "Cassandra node {} up after {} ms",
                    node.contactPoint(),
                    (System.nanoTime() - begin) / 1_000_000);
        }
        if (nodes.size() > 1) {
            awaitAllUp(joinTimeout);
        }
        return this;
    }

    /**
     * Waits until a fresh driver session sees exactly {@link #size()} nodes, all UP (every node
     * joined, gossip settled), polling every second.
     *
     * @throws IllegalStateException naming the nodes not up when {@code timeout} passes
     */
    public void awaitAllUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no session yet";
        while (System.nanoTime() < deadline) {
            try (CqlSession session = sessionBuilder().build()) {
                Collection<Node> seen = session.getMetadata().getNodes().values();
                if (seen.size() == nodes.size()
                        && seen.stream().allMatch(n -> n.getState() == NodeState.UP)) {
                    progress.accept("Cassandra ring of " + nodes.size() + " nodes: all UP");
                    return;
                }
                last = describe(seen);
            } catch (RuntimeException e) {
                last = e.toString();
            }
            sleep(1000);
        }
        throw new IllegalStateException(
                "Cassandra ring of "
                        + nodes.size()
                        + " nodes not all UP within "
                        + timeout
                        + "; last seen: "
                        + last
                        + "; see the nodes' system.log under "
                        + nodes.get(0).dataDir().getParent());
    }

    public List<CassandraNode> nodes() {
        return nodes;
    }

    /** The {@code index}-th node (0-based); node 0 is the seed. */
    public CassandraNode node(int index) {
        return nodes.get(index);
    }

    public int size() {
        return nodes.size();
    }

    /** Replicas per row: one per node, at most {@link #MAX_REPLICATION_FACTOR}. */
    public int replicationFactor() {
        return Math.min(nodes.size(), MAX_REPLICATION_FACTOR);
    }

    public List<InetSocketAddress> contactPoints() {
        return nodes.stream().map(CassandraNode::contactPoint).toList();
    }

    /** Every node as {@code host:port}, comma-separated (the sink's contact-points option). */
    public String contactPointsOption() {
        return contactPoints().stream()
                .map(a -> a.getHostString() + ":" + a.getPort())
                .collect(Collectors.joining(","));
    }

    /** The first node's session builder (timeouts, DC, credentials) with every node as contact. */
    public CqlSessionBuilder sessionBuilder() {
        CqlSessionBuilder builder = nodes.get(0).sessionBuilder();
        for (CassandraNode node : nodes.subList(1, nodes.size())) {
            builder = builder.addContactPoint(node.contactPoint());
        }
        return builder;
    }

    /** Stops the nodes, last first (each drains on SIGTERM). */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (int i = nodes.size() - 1; i >= 0; i--) {
            try {
                nodes.get(i).close();
            } catch (RuntimeException e) {
                LOG.warn("Stopping Cassandra node {} failed", nodes.get(i).contactPoint(), e);
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static String describe(Collection<Node> seen) {
        return seen.stream()
                .map(n -> n.getEndPoint() + "=" + n.getState())
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Cassandra ring", e);
        }
    }

    /** Settings of a {@link CassandraRing}. */
    public static final class Builder {
        private final Path dataDir;
        private int size = 1;
        private Duration joinTimeout = Duration.ofSeconds(180);
        private Consumer<String> progress = LOG::info;
        private UnaryOperator<CassandraNode.Builder> customizer = UnaryOperator.identity();

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath();
        }

        /** Number of nodes, 1 to 9 (127.0.0.1 to 127.0.0.9). */
        public Builder nodes(int size) {
            if (size < 1 || size > 9) {
                throw new IllegalArgumentException("A local ring has 1 to 9 nodes, not " + size);
            }
            this.size = size;
            return this;
        }

        /** How long all nodes may take to be seen UP after the last one started. */
        public Builder joinTimeout(Duration timeout) {
            this.joinTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Receives readable progress lines; defaults to SLF4J INFO. */
        public Builder progress(Consumer<String> progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * Adjusts every node (heap, authentication, JVM options, ports). In a ring of several
         * nodes, every node gets the first node's ports on its own address, node 0 as seed and an
         * even share of the tokens; a ring of one keeps whatever the customizer set.
         */
        public Builder eachNode(UnaryOperator<CassandraNode.Builder> customizer) {
            this.customizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /** Resolves the ports and returns a ring that is not started yet. */
        public CassandraRing build() {
            return new CassandraRing(this);
        }
    }
}
