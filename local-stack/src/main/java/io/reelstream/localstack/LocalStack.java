package io.reelstream.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Kafka and Cassandra for development, tests and benchmarks: both started in parallel as child JVMs
 * under one data root ({@code <root>/kafka}, {@code <root>/cassandra}), stopped on {@link
 * #close()}.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder(Path.of("target/stack")).progress(out::println).start()) {
 *     TopicBootstrap.fromClasspath().createAll(stack.bootstrapServers(), "");
 *     ...
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private final Path dataRoot;
    private final KafkaNode kafka;
    private final CassandraRing ring;
    private final Consumer<String> progress;

    private LocalStack(Builder builder) {
        this.dataRoot = builder.dataRoot.toAbsolutePath();
        this.progress = builder.progress;
        this.kafka = builder.kafka.apply(KafkaNode.builder(dataRoot.resolve("kafka"))).build();
        // A ring keeps its data apart from the single node's: a keyspace's replication is fixed.
        String cassandraDir =
                builder.cassandraNodes == 1 ? "cassandra" : "cassandra-" + builder.cassandraNodes;
        this.ring =
                CassandraRing.builder(dataRoot.resolve(cassandraDir))
                        .nodes(builder.cassandraNodes)
                        .progress(progress)
                        .eachNode(builder.cassandra)
                        .build();
    }

    /** A stack under {@code dataRoot}; an existing root is reused (data survives restarts). */
    public static Builder builder(Path dataRoot) {
        return new Builder(dataRoot);
    }

    /**
     * Starts Kafka and Cassandra in parallel and waits for both; stops both if one fails. Also
     * restarts a stack after {@link #close()} on the same data and ports.
     */
    public LocalStack start() {
        progress.accept("Starting Kafka and Cassandra under " + dataRoot);
        ExecutorService pool = Executors.newFixedThreadPool(2, LocalStack::daemonThread);
        try {
            CompletableFuture<Void> kafkaReady =
                    CompletableFuture.runAsync(() -> timed(kafka::start, this::kafkaReady), pool);
            CompletableFuture<Void> cassandraReady =
                    CompletableFuture.runAsync(
                            () -> timed(ring::start, this::cassandraReady), pool);
            CompletableFuture.allOf(kafkaReady, cassandraReady).join();
            return this;
        } catch (CompletionException e) {
            close();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Local stack failed to start", cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private void timed(Runnable start, Consumer<Duration> ready) {
        long begin = System.nanoTime();
        start.run();
        ready.accept(Duration.ofNanos(System.nanoTime() - begin));
    }

    private void kafkaReady(Duration took) {
        progress.accept(
                "Kafka ready on " + kafka.bootstrapServers() + " (" + seconds(took) + " s)");
    }

    private void cassandraReady(Duration took) {
        String nodes = ring.size() == 1 ? "" : " (" + ring.size() + " nodes)";
        progress.accept(
                "Cassandra ready on "
                        + ring.contactPointsOption()
                        + nodes
                        + " ("
                        + seconds(took)
                        + " s)");
    }

    private static long seconds(Duration d) {
        return Math.round(d.toMillis() / 1000.0);
    }

    private static Thread daemonThread(Runnable r) {
        Thread t = new Thread(r, "local-stack-start");
        t.setDaemon(true);
        return t;
    }

    public KafkaNode kafka() {
        return kafka;
    }

    /** The Cassandra node, or the first node (the seed) of a ring of several. */
    public CassandraNode cassandra() {
        return ring.node(0);
    }

    /** Every Cassandra node (one unless {@link Builder#cassandraNodes} asked for more). */
    public CassandraRing cassandraRing() {
        return ring;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public InetSocketAddress cassandraContactPoint() {
        return cassandra().contactPoint();
    }

    public String localDatacenter() {
        return cassandra().localDatacenter();
    }

    public Path dataRoot() {
        return dataRoot;
    }

    /** Creates the topics of deploy/kafka/topics.yaml under a prefix ("" for none). */
    public List<String> createTopics(String prefix) {
        return TopicBootstrap.fromClasspath().createAll(bootstrapServers(), prefix);
    }

    /** Stops Cassandra and Kafka (in parallel would not be faster: both drain to disk). */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable node : List.<AutoCloseable>of(ring, kafka)) {
            try {
                node.close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed", node.getClass().getSimpleName(), e);
                failure = failure == null ? new IllegalStateException("Stop failed", e) : failure;
            }
        }
        progress.accept("Local stack stopped");
        if (failure != null) {
            throw failure;
        }
    }

    /** Options of a {@link LocalStack}. */
    public static final class Builder {
        private final Path dataRoot;
        private Consumer<String> progress = LOG::info;
        private UnaryOperator<KafkaNode.Builder> kafka = UnaryOperator.identity();
        private UnaryOperator<CassandraNode.Builder> cassandra = UnaryOperator.identity();
        private int cassandraNodes = 1;

        private Builder(Path dataRoot) {
            this.dataRoot = Objects.requireNonNull(dataRoot, "dataRoot");
        }

        /** Receives readable progress lines; defaults to SLF4J INFO. */
        public Builder progress(Consumer<String> progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** Adjusts the Kafka node (ports, heap, broker properties). */
        public Builder kafka(UnaryOperator<KafkaNode.Builder> customizer) {
            this.kafka = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /** Adjusts the Cassandra node (ports, heap, authentication, concurrent_writes). */
        public Builder cassandra(UnaryOperator<CassandraNode.Builder> customizer) {
            this.cassandra = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * Cassandra nodes (default 1): several run as a {@link CassandraRing} on 127.0.0.1,
         * 127.0.0.2, ..., with data under {@code <root>/cassandra-<n>} instead of {@code
         * <root>/cassandra}.
         */
        public Builder cassandraNodes(int nodes) {
            if (nodes < 1) {
                throw new IllegalArgumentException("Need at least one Cassandra node: " + nodes);
            }
            this.cassandraNodes = nodes;
            return this;
        }

        /** Builds the stack without starting it. */
        public LocalStack build() {
            return new LocalStack(this);
        }

        /**
         * Builds and starts the stack (both services in parallel), blocking until both are ready.
         */
        public LocalStack start() {
            return build().start();
        }
    }
}
