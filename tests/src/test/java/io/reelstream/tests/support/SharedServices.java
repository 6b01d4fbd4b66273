package io.reelstream.tests.support;

import io.reelstream.localstack.CassandraNode;
import io.reelstream.localstack.KafkaNode;
import io.reelstream.localstack.LocalStack;
import io.reelstream.localstack.TopicBootstrap;
import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.cassandra.CassandraSettings;

import com.datastax.oss.driver.api.core.CqlSession;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Real Kafka and Cassandra started ONCE per test JVM and shared by every ITCase (failsafe runs all
 * ITCases in one JVM). Started lazily on first use, stopped when the whole test run ends (held in
 * JUnit's root store), on free ports, with data under {@code
 * tests/target/shared-services/run-<pid>}.
 *
 * <p>Use it in an ITCase like this:
 *
 * <pre>{@code
 * class MyJobITCase {
 *     @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();
 *
 *     @Test
 *     void shouldDoIt() {
 *         String prefix = SERVICES.uniqueTopicPrefix();                 // "test-1a2b3c4d."
 *         SERVICES.createTopics(prefix);                                // all of deploy/kafka/topics.yaml
 *         String in = prefix + "reelstream.playback.v1";
 *         SERVICES.send(in, List.of(value1, value2));                   // byte[] values
 *         ... run the job against SERVICES.bootstrapServers() ...
 *         List<ConsumerRecord<byte[], byte[]>> out =
 *                 SERVICES.read(prefix + "reelstream.user-features.v1", 2, Duration.ofSeconds(60));
 *
 *         String keyspace = SERVICES.createUniqueKeyspace();            // "test_1a2b3c4d5e6f"
 *         try (CqlSession session = SERVICES.newSession(keyspace)) { ... }
 *     }
 * }
 * }</pre>
 *
 * Isolation comes from unique names, never from restarting services: use {@link
 * #uniqueTopicPrefix()} and {@link #uniqueKeyspace()} in every test class. {@link #kafka()} and
 * {@link #cassandra()} expose the nodes for outage tests ({@code stop()} then {@code start()} keeps
 * data and ports); a test that stops a node should start it again, and every test class starts
 * again any node an earlier class left stopped.
 *
 * <p>Notes: {@code SERVICES} may be used in {@code @BeforeAll} methods (the extension runs first).
 * Flink/Cassandra clients connect with {@code cassandra().contactPoint()} and {@code
 * cassandra().localDatacenter()}. Exactly-once Kafka sinks need {@code transaction.timeout.ms} at
 * most 15 minutes (the broker's default maximum). Used outside JUnit, the services start lazily and
 * JVM shutdown hooks stop them.
 */
public final class SharedServices implements BeforeAllCallback {

    private static final Logger LOG = LoggerFactory.getLogger(SharedServices.class);

    private static final SharedServices INSTANCE = new SharedServices();

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedServices.class);

    private LocalStack stack;
    private RuntimeException startFailure;

    private SharedServices() {}

    /** The one instance of this JVM; register it with {@code @RegisterExtension}. */
    public static SharedServices instance() {
        return INSTANCE;
    }

    /** Starts the services (once) and makes JUnit stop them at the very end of the run. */
    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        StopAtEndOfRun.class,
                        key -> new StopAtEndOfRun(this),
                        StopAtEndOfRun.class);
        LocalStack running = stack();
        running.kafka().start();
        running.cassandra().start();
    }

    /** The running stack, started on first call; a failed start fails every later call fast. */
    public synchronized LocalStack stack() {
        if (startFailure != null) {
            throw new IllegalStateException("Shared services failed to start", startFailure);
        }
        if (stack == null) {
            Path root = runDirectory();
            try {
                stack = LocalStack.builder(root).progress(SharedServices::report).start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return stack;
    }

    /** Kafka's {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return stack().bootstrapServers();
    }

    /** The Kafka node, e.g. to stop and start it. */
    public KafkaNode kafka() {
        return stack().kafka();
    }

    /** The Cassandra node, e.g. to stop and start it; also contactPoint() and localDatacenter(). */
    public CassandraNode cassandra() {
        return stack().cassandra();
    }

    /** A fresh topic prefix such as {@code "test-1a2b3c4d."}. */
    public String uniqueTopicPrefix() {
        return "test-" + randomHex(8) + ".";
    }

    /** A fresh keyspace name such as {@code "test_1a2b3c4d5e6f"} (not created). */
    public String uniqueKeyspace() {
        return "test_" + randomHex(12);
    }

    /** Creates a fresh keyspace (SimpleStrategy, replication 1) and returns its name. */
    public String createUniqueKeyspace() {
        String keyspace = uniqueKeyspace();
        try (CqlSession session = newSession()) {
            session.execute(
                    "CREATE KEYSPACE IF NOT EXISTS "
                            + keyspace
                            + " WITH replication = {'class': 'SimpleStrategy',"
                            + " 'replication_factor': 1}");
        }
        return keyspace;
    }

    /** Creates all topics of deploy/kafka/topics.yaml named {@code prefix + name}; returns them. */
    public List<String> createTopics(String prefix) {
        return TopicBootstrap.fromClasspath().createAll(bootstrapServers(), prefix);
    }

    /** Creates one topic (replication 1) unless it exists; returns its name. */
    public String createTopic(String name, int partitions) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(name)) {
                admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            return name;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create topic " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends the values (no key) to a topic and waits until all are acknowledged. */
    public void send(String topic, List<byte[]> values) {
        KafkaRecords.send(
                bootstrapServers(),
                values.stream().map(v -> new ProducerRecord<byte[], byte[]>(topic, v)).toList());
    }

    /** Sends records (topic, key, value, timestamp as given) and waits for all acknowledgements. */
    public void sendRecords(List<ProducerRecord<byte[], byte[]>> records) {
        KafkaRecords.send(bootstrapServers(), records);
    }

    /**
     * Reads a topic from the beginning (all partitions, committed records only) until {@code count}
     * records arrived or the timeout passed, and returns what it read: assert on the result.
     */
    public List<ConsumerRecord<byte[], byte[]>> read(String topic, int count, Duration timeout) {
        return KafkaRecords.read(bootstrapServers(), topic, count, timeout);
    }

    /** A new session without keyspace (caller closes it); 10 s request timeout. */
    /** Options of a Cassandra sink that writes to {@code keyspace} on the shared node. */
    public CassandraSettings cassandraOptions(String keyspace) {
        var contact = cassandra().contactPoint();
        return CassandraSettings.of(contact.getHostString() + ":" + contact.getPort(), keyspace)
                .with(CassandraOptions.LOCAL_DATACENTER, cassandra().localDatacenter());
    }

    public CqlSession newSession() {
        return cassandra().sessionBuilder().build();
    }

    /** A new session on a keyspace (caller closes it); 10 s request timeout. */
    public CqlSession newSession(String keyspace) {
        return cassandra().sessionBuilder().withKeyspace(keyspace).build();
    }

    private synchronized void stop() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }

    /** Progress lines go to the console so a slow start is visible in the test output. */
    private static void report(String line) {
        LOG.info(line);
        System.out.println("[shared-services] " + line);
    }

    private static String randomHex(int length) {
        return UUID.randomUUID().toString().replace("-", "").substring(0, length);
    }

    /** target/shared-services/run-<pid>; removes folders of earlier runs whose JVM is gone. */
    private static Path runDirectory() {
        Path base = Path.of("target", "shared-services").toAbsolutePath();
        try {
            Files.createDirectories(base);
            try (Stream<Path> runs = Files.list(base)) {
                runs.filter(SharedServices::isStaleRun).forEach(SharedServices::deleteQuietly);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return base.resolve("run-" + ProcessHandle.current().pid());
    }

    private static boolean isStaleRun(Path dir) {
        String name = dir.getFileName().toString();
        if (!name.startsWith("run-")) {
            return false;
        }
        try {
            long pid = Long.parseLong(name.substring(4));
            return pid != ProcessHandle.current().pid()
                    && ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Could not delete {}: {}", dir, e.toString());
        }
    }

    /** Root-store entry: JUnit closes it after the last test of the run. */
    private record StopAtEndOfRun(SharedServices services) implements AutoCloseable {
        @Override
        public void close() {
            services.stop();
        }
    }
}
