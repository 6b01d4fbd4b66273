package io.reelstream.localstack;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A real Cassandra 5.0 node running as a child JVM on a data directory. {@link #stop()} drains it
 * (SIGTERM) and {@link #start()} brings it back on the same data and ports, so tests can take
 * Cassandra away and restore it.
 */
public final class CassandraNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraNode.class);

    /** The data center of a node with SimpleSnitch; the driver's local DC. */
    public static final String LOCAL_DATACENTER = "datacenter1";

    /** The default superuser of PasswordAuthenticator. */
    public static final String DEFAULT_SUPERUSER = "cassandra";

    private static final String LOGBACK_RESOURCE = "reelstream/localstack/cassandra-logback.xml";

    private final Path dataDir;
    private final String heap;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private final CassandraConfig config;
    private final RuntimeClasspath classpath;
    private final List<String> extraJvmOptions;
    private ChildJvm node;
    private String releaseVersion;

    private CassandraNode(Builder builder) {
        this.dataDir = builder.dataDir.toAbsolutePath();
        this.heap = builder.heap;
        this.startTimeout = builder.startTimeout;
        this.stopTimeout = builder.stopTimeout;
        this.classpath =
                builder.classpath != null ? builder.classpath : RuntimeClasspath.cassandra();
        this.extraJvmOptions = List.copyOf(builder.extraJvmOptions);
        int nativePort = FreePort.resolve(builder.nativePort);
        int storagePort = FreePort.resolve(builder.storagePort);
        while (storagePort == nativePort) {
            storagePort = FreePort.pick();
        }
        this.config =
                new CassandraConfig(
                        builder.clusterName,
                        dataDir,
                        builder.address,
                        nativePort,
                        storagePort,
                        builder.passwordAuthentication,
                        builder.concurrentWrites,
                        builder.seeds,
                        builder.initialToken);
    }

    /** A node on {@code dataDir} with free ports on 127.0.0.1 and a 1 GB heap. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** Starts the node and waits until CQL answers; does nothing if it runs already. */
    public synchronized void start() {
        if (node != null && node.isAlive()) {
            return;
        }
        Path yaml = dataDir.resolve("cassandra.yaml");
        config.writeTo(yaml);
        Path logback = copyLogbackConfig();
        List<String> jvmOptions =
                new ArrayList<>(CassandraJvmOptions.forNode(heap, yaml, logback, dataDir));
        jvmOptions.addAll(extraJvmOptions);
        node =
                new ChildJvm(
                        "cassandra",
                        classpath,
                        jvmOptions,
                        "org.apache.cassandra.service.CassandraDaemon",
                        List.of(),
                        dataDir,
                        dataDir.resolve("logs").resolve("stdout.log"));
        node.start();
        awaitReady();
    }

    /** SIGTERM (Cassandra drains, about 10 s) and wait; SIGKILL after the stop timeout. */
    public synchronized void stop() {
        if (node != null) {
            LOG.debug("Stopping Cassandra on {}", contactPoint());
            node.stop(stopTimeout);
            node = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return node != null && node.isAlive();
    }

    /** The node's process id, or -1 if it is not running (benchmarks read its CPU time). */
    public synchronized long pid() {
        return node == null ? -1 : node.pid();
    }

    /** Where the driver connects (CQL native port). */
    public InetSocketAddress contactPoint() {
        return new InetSocketAddress(config.address(), config.nativePort());
    }

    public String localDatacenter() {
        return LOCAL_DATACENTER;
    }

    /** The release_version the node reported when it became ready (e.g. "5.0.6"). */
    public synchronized String releaseVersion() {
        return releaseVersion;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Cassandra's own log (logback, INFO). */
    public Path logFile() {
        return dataDir.resolve("logs").resolve("system.log");
    }

    public CassandraConfig config() {
        return config;
    }

    /**
     * A session builder for this node: contact point, local DC, 10 s request timeout (the driver's
     * 2 s expires under load here) and default superuser credentials when passwords are on.
     */
    public CqlSessionBuilder sessionBuilder() {
        DriverConfigLoader loader =
                DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
                        .withDuration(
                                DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT,
                                Duration.ofSeconds(5))
                        .withDuration(
                                DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT,
                                Duration.ofSeconds(10))
                        .withDuration(
                                DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT,
                                Duration.ofSeconds(10))
                        .build();
        CqlSessionBuilder builder =
                CqlSession.builder()
                        .addContactPoint(contactPoint())
                        .withLocalDatacenter(LOCAL_DATACENTER)
                        .withConfigLoader(loader);
        if (config.passwordAuthentication()) {
            builder = builder.withAuthCredentials(DEFAULT_SUPERUSER, DEFAULT_SUPERUSER);
        }
        return builder;
    }

    private Path copyLogbackConfig() {
        Path target = dataDir.resolve("logback.xml");
        try (InputStream in =
                CassandraNode.class.getClassLoader().getResourceAsStream(LOGBACK_RESOURCE)) {
            Files.createDirectories(dataDir.resolve("logs"));
            Files.createDirectories(dataDir.resolve("triggers"));
            Files.copy(
                    Objects.requireNonNull(in, LOGBACK_RESOURCE),
                    target,
                    StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    private void awaitReady() {
        ChildJvm.Readiness wait = node.readiness("Cassandra", logFile(), startTimeout);
        wait.until(
                250,
                () ->
                        FreePort.accepts(
                                config.address(), config.nativePort(), Duration.ofMillis(500)));
        wait.until(
                500,
                () -> {
                    try (CqlSession session = sessionBuilder().build()) {
                        Row row = session.execute("SELECT release_version FROM system.local").one();
                        if (row != null) {
                            releaseVersion = row.getString("release_version");
                        }
                        return row != null;
                    }
                });
    }

    /** Settings of a {@link CassandraNode}; ports 0 mean "pick a free port once, keep it". */
    public static final class Builder {
        private final Path dataDir;
        private String clusterName = "reelstream-local";
        private String address = "127.0.0.1";
        private int nativePort;
        private int storagePort;
        private String heap = "1g";
        private boolean passwordAuthentication;
        private OptionalInt concurrentWrites = OptionalInt.empty();
        private Duration startTimeout = Duration.ofSeconds(300);
        private Duration stopTimeout = Duration.ofSeconds(45);
        private RuntimeClasspath classpath;
        private String seeds;
        private OptionalLong initialToken = OptionalLong.empty();
        private final List<String> extraJvmOptions = new ArrayList<>();

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        }

        public Builder clusterName(String clusterName) {
            this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
            return this;
        }

        /** listen_address and rpc_address; defaults to 127.0.0.1. */
        public Builder address(String address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The seed list ({@code host:port,...}) of a ring; defaults to the node itself. */
        public Builder seeds(String seeds) {
            this.seeds = Objects.requireNonNull(seeds, "seeds");
            return this;
        }

        /** initial_token of a ring member (used on first start only); default: Cassandra picks. */
        public Builder initialToken(long token) {
            this.initialToken = OptionalLong.of(token);
            return this;
        }

        /** One more JVM option, e.g. a {@code -Dcassandra.*} system property. */
        public Builder jvmOption(String option) {
            this.extraJvmOptions.add(Objects.requireNonNull(option, "option"));
            return this;
        }

        /** The CQL port; 0 picks a free one. */
        public Builder nativePort(int port) {
            this.nativePort = checkPort(port);
            return this;
        }

        /** The internode port; 0 picks a free one. */
        public Builder storagePort(int port) {
            this.storagePort = checkPort(port);
            return this;
        }

        /** JVM heap, e.g. "1g". */
        public Builder heap(String heap) {
            this.heap = Objects.requireNonNull(heap, "heap");
            return this;
        }

        /** PasswordAuthenticator (user/password cassandra/cassandra) instead of AllowAll. */
        public Builder passwordAuthentication(boolean enabled) {
            this.passwordAuthentication = enabled;
            return this;
        }

        /** Forces concurrent_writes (2 avoids the vector-index bug on 2 cores for all clients). */
        public Builder concurrentWrites(int writes) {
            if (writes < 1) {
                throw new IllegalArgumentException("concurrent_writes must be >= 1: " + writes);
            }
            this.concurrentWrites = OptionalInt.of(writes);
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The node's classpath; defaults to {@link RuntimeClasspath#cassandra()}. */
        public Builder classpath(RuntimeClasspath classpath) {
            this.classpath = Objects.requireNonNull(classpath, "classpath");
            return this;
        }

        int nativePort() {
            return nativePort;
        }

        int storagePort() {
            return storagePort;
        }

        /** Resolves the ports (free ones for 0) and returns a node that is not started yet. */
        public CassandraNode build() {
            return new CassandraNode(this);
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Port out of range: " + port);
            }
            return port;
        }
    }
}
