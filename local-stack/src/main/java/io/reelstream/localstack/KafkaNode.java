package io.reelstream.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka 4.2 node (KRaft, broker + controller in one process) running as a child JVM on a
 * data directory. Storage is formatted on the first start only, so {@link #stop()} then {@link
 * #start()} keeps topics, records and committed offsets, on the same ports.
 */
public final class KafkaNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaNode.class);

    private static final String LOG4J_RESOURCE = "reelstream/localstack/kafka-log4j2.properties";

    private final Path dataDir;
    private final String heap;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private final KafkaBrokerConfig config;
    private final RuntimeClasspath classpath;
    private ChildJvm broker;

    private KafkaNode(Builder builder) {
        this.dataDir = builder.dataDir.toAbsolutePath();
        this.heap = builder.heap;
        this.startTimeout = builder.startTimeout;
        this.stopTimeout = builder.stopTimeout;
        this.classpath = builder.classpath != null ? builder.classpath : RuntimeClasspath.kafka();
        int brokerPort = FreePort.resolve(builder.brokerPort);
        int controllerPort = FreePort.resolve(builder.controllerPort);
        while (controllerPort == brokerPort) {
            controllerPort = FreePort.pick();
        }
        this.config =
                new KafkaBrokerConfig(
                        builder.host,
                        brokerPort,
                        controllerPort,
                        dataDir.resolve("kafka-logs"),
                        builder.brokerProperties);
    }

    /** A node on {@code dataDir} with free ports, host localhost and a 512 MB heap. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /**
     * Formats storage if needed, starts the broker and waits until it answers describeCluster. Does
     * nothing if it runs already.
     */
    public synchronized void start() {
        if (broker != null && broker.isAlive()) {
            return;
        }
        Path serverProperties = dataDir.resolve("server.properties");
        config.writeTo(serverProperties);
        Path log4j = copyLog4jConfig();
        if (!isFormatted()) {
            format(serverProperties, log4j);
        }
        broker =
                new ChildJvm(
                        "kafka",
                        classpath,
                        jvmOptions(log4j),
                        "kafka.Kafka",
                        List.of(serverProperties.toString()),
                        dataDir,
                        dataDir.resolve("logs").resolve("stdout.log"));
        broker.start();
        awaitReady();
    }

    /** SIGTERM (controlled shutdown) and wait; SIGKILL if it takes longer than the stop timeout. */
    public synchronized void stop() {
        if (broker != null) {
            LOG.debug("Stopping Kafka on {}", bootstrapServers());
            broker.stop(stopTimeout);
            broker = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return broker != null && broker.isAlive();
    }

    /** The broker's process id, or -1 if it is not running (benchmarks read its CPU time). */
    public synchronized long pid() {
        return broker == null ? -1 : broker.pid();
    }

    /** {@code host:port} for the clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return config.host() + ":" + config.brokerPort();
    }

    public int brokerPort() {
        return config.brokerPort();
    }

    public int controllerPort() {
        return config.controllerPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The broker's own log (log4j2, INFO). */
    public Path logFile() {
        return dataDir.resolve("logs").resolve("server.log");
    }

    public KafkaBrokerConfig config() {
        return config;
    }

    private boolean isFormatted() {
        return Files.exists(config.logDir().resolve("meta.properties"));
    }

    private void format(Path serverProperties, Path log4j) {
        String clusterId = Uuid.randomUuid().toString();
        LOG.debug("Formatting Kafka storage in {} (cluster id {})", config.logDir(), clusterId);
        ChildJvm tool =
                new ChildJvm(
                        "kafka-storage-format",
                        classpath,
                        List.of(
                                "-Xmx256m",
                                "-Dlog4j2.configurationFile=" + log4j.toUri(),
                                "-Dkafka.logs.dir=" + dataDir.resolve("logs")),
                        "kafka.tools.StorageTool",
                        List.of("format", "-t", clusterId, "-c", serverProperties.toString()),
                        dataDir,
                        dataDir.resolve("logs").resolve("storage-format.log"));
        int exitCode = tool.runToCompletion(Duration.ofSeconds(120));
        if (exitCode != 0 || !isFormatted()) {
            throw new IllegalStateException(
                    "Formatting Kafka storage failed (exit "
                            + exitCode
                            + "):\n"
                            + tool.logTail(30));
        }
    }

    private List<String> jvmOptions(Path log4j) {
        List<String> options = new ArrayList<>();
        options.add("-Xms" + heap);
        options.add("-Xmx" + heap);
        options.add("-XX:+UseG1GC");
        options.add("-XX:MaxGCPauseMillis=20");
        options.add("-Djava.awt.headless=true");
        options.add("-Dlog4j2.configurationFile=" + log4j.toUri());
        // Log4j's own hook would race Kafka's shutdown and fall back to a console logger.
        options.add("-Dlog4j2.shutdownHookEnabled=false");
        options.add("-Dkafka.logs.dir=" + dataDir.resolve("logs"));
        return options;
    }

    private Path copyLog4jConfig() {
        Path target = dataDir.resolve("log4j2.properties");
        try (InputStream in =
                KafkaNode.class.getClassLoader().getResourceAsStream(LOG4J_RESOURCE)) {
            Files.createDirectories(dataDir.resolve("logs"));
            Files.copy(
                    Objects.requireNonNull(in, LOG4J_RESOURCE),
                    target,
                    StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    private void awaitReady() {
        ChildJvm.Readiness wait = broker.readiness("Kafka", logFile(), startTimeout);
        wait.until(
                200,
                () -> FreePort.accepts(config.host(), config.brokerPort(), Duration.ofMillis(500)));
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(props)) {
            wait.until(
                    200, () -> !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty());
        }
    }

    /** Settings of a {@link KafkaNode}; ports 0 mean "pick a free port once, keep it". */
    public static final class Builder {
        private final Path dataDir;
        private String host = "localhost";
        private int brokerPort;
        private int controllerPort;
        private String heap = "512m";
        private Duration startTimeout = Duration.ofSeconds(300);
        private Duration stopTimeout = Duration.ofSeconds(30);
        private RuntimeClasspath classpath;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The client (PLAINTEXT) port; 0 picks a free one. */
        public Builder brokerPort(int port) {
            this.brokerPort = checkPort(port);
            return this;
        }

        /** The KRaft controller port; 0 picks a free one. */
        public Builder controllerPort(int port) {
            this.controllerPort = checkPort(port);
            return this;
        }

        /** JVM heap, e.g. "512m". */
        public Builder heap(String heap) {
            this.heap = Objects.requireNonNull(heap, "heap");
            return this;
        }

        /** Adds or overrides one broker property of server.properties. */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(key, value);
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

        /** The broker's classpath; defaults to {@link RuntimeClasspath#kafka()}. */
        public Builder classpath(RuntimeClasspath classpath) {
            this.classpath = Objects.requireNonNull(classpath, "classpath");
            return this;
        }

        /** Resolves the ports (free ones for 0) and returns a node that is not started yet. */
        public KafkaNode build() {
            return new KafkaNode(this);
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Port out of range: " + port);
            }
            return port;
        }
    }
}
