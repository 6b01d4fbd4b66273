package io.reelstream.udfs.cassandra;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the Cassandra sink and sessions need, as typed Flink options (one place for keys,
 * defaults and descriptions) and as one parsed, immutable, serializable object per job. {@link
 * #toString()} masks the passwords.
 */
public final class CassandraOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final ConfigOption<String> CONTACT_POINTS =
            ConfigOptions.key("cassandra.contact-points")
                    .stringType()
                    .defaultValue("127.0.0.1:9042")
                    .withDescription("Comma-separated host:port list of Cassandra nodes.");

    public static final ConfigOption<String> LOCAL_DATACENTER =
            ConfigOptions.key("cassandra.local-datacenter")
                    .stringType()
                    .defaultValue("datacenter1")
                    .withDescription("Datacenter the driver routes requests to.");

    public static final ConfigOption<String> KEYSPACE =
            ConfigOptions.key("cassandra.keyspace")
                    .stringType()
                    .defaultValue("reelstream")
                    .withDescription("Keyspace of the serving tables.");

    public static final ConfigOption<String> USERNAME =
            ConfigOptions.key("cassandra.username")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("User for password authentication; none disables auth.");

    public static final ConfigOption<String> PASSWORD =
            ConfigOptions.key("cassandra.password")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Password for cassandra.username. Never logged.");

    public static final ConfigOption<String> TRUSTSTORE_PATH =
            ConfigOptions.key("cassandra.tls.truststore.path")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("JKS/PKCS12 truststore; setting it enables TLS.");

    public static final ConfigOption<String> TRUSTSTORE_PASSWORD =
            ConfigOptions.key("cassandra.tls.truststore.password")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Password of the truststore. Never logged.");

    public static final ConfigOption<String> CONSISTENCY =
            ConfigOptions.key("cassandra.consistency")
                    .stringType()
                    .defaultValue("LOCAL_QUORUM")
                    .withDescription("Consistency level of writes (and of non-ANN reads).");

    public static final ConfigOption<Duration> REQUEST_TIMEOUT =
            ConfigOptions.key("cassandra.request-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "Client-side timeout of one request (the driver's 2 s default expires"
                                    + " under load on small nodes).");

    public static final ConfigOption<Integer> MAX_IN_FLIGHT =
            ConfigOptions.key("cassandra.sink.max-in-flight")
                    .intType()
                    .defaultValue(256)
                    .withDescription(
                            "Write requests in flight per sink subtask; when reached, the sink"
                                    + " blocks (backpressure) instead of queueing.");

    public static final ConfigOption<Integer> VECTOR_MAX_IN_FLIGHT =
            ConfigOptions.key("cassandra.sink.vector-max-in-flight")
                    .intType()
                    .defaultValue(2)
                    .withDescription(
                            "Cap on in-flight writes to tables with a vector (SAI ANN) index;"
                                    + " works around CASSANDRA-21644 on small nodes.");

    public static final ConfigOption<Integer> RETRY_MAX_ATTEMPTS =
            ConfigOptions.key("cassandra.sink.retry.max-attempts")
                    .intType()
                    .defaultValue(100)
                    .withDescription(
                            "Attempts per idempotent write on transient errors before the job"
                                    + " fails (and restarts from its last checkpoint).");

    public static final ConfigOption<Duration> RETRY_INITIAL_BACKOFF =
            ConfigOptions.key("cassandra.sink.retry.initial-backoff")
                    .durationType()
                    .defaultValue(Duration.ofMillis(100))
                    .withDescription("Backoff before the first retry; doubles per attempt.");

    public static final ConfigOption<Duration> RETRY_MAX_BACKOFF =
            ConfigOptions.key("cassandra.sink.retry.max-backoff")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription("Upper bound of the backoff between two retries.");

    public static final ConfigOption<Duration> COALESCE_WINDOW =
            ConfigOptions.key("cassandra.sink.coalesce.window")
                    .durationType()
                    .defaultValue(Duration.ofMillis(100))
                    .withDescription(
                            "How long elements are buffered so that several updates of one key"
                                    + " become one write (0 disables coalescing).");

    public static final ConfigOption<Integer> COALESCE_MAX_KEYS =
            ConfigOptions.key("cassandra.sink.coalesce.max-keys")
                    .intType()
                    .defaultValue(10_000)
                    .withDescription(
                            "Most keys buffered per sink subtask: beyond it the key buffered"
                                    + " longest is written before its window ends, so at high key"
                                    + " rates writes flow steadily instead of in bursts.");

    public static final ConfigOption<Integer> BATCH_MAX_STATEMENTS =
            ConfigOptions.key("cassandra.sink.batch.max-statements")
                    .intType()
                    .defaultValue(8)
                    .withDescription(
                            "Most rows sent as one unlogged batch. Only rows whose partitions"
                                    + " have the same replicas are batched (grouped by replica"
                                    + " set), so one request replaces several without extra"
                                    + " coordinator hops. 1 sends every row alone; tables with a"
                                    + " vector index are never batched.");

    public static final ConfigOption<Duration> BATCH_GATHER_AHEAD =
            ConfigOptions.key("cassandra.sink.batch.gather-ahead")
                    .durationType()
                    .defaultValue(Duration.ofMillis(50))
                    .withDescription(
                            "When the key buffered longest is due, keys due within this much"
                                    + " later are sent with it, so batches fill. Rows leave at"
                                    + " most this much before their coalescing window ends,"
                                    + " never later. Capped at the coalescing window.");

    private final List<String> contactPoints;
    private final String localDatacenter;
    private final String keyspace;
    private final String username;
    private final String password;
    private final String truststorePath;
    private final String truststorePassword;
    private final String consistency;
    private final Duration requestTimeout;
    private final int maxInFlight;
    private final int vectorMaxInFlight;
    private final int retryMaxAttempts;
    private final Duration retryInitialBackoff;
    private final Duration retryMaxBackoff;
    private final Duration coalesceWindow;
    private final int coalesceMaxKeys;
    private final int batchMaxStatements;
    private final Duration batchGatherAhead;

    private CassandraOptions(ReadableConfig c) {
        this.contactPoints = parseContactPoints(c.get(CONTACT_POINTS));
        this.localDatacenter = c.get(LOCAL_DATACENTER);
        this.keyspace = c.get(KEYSPACE);
        this.username = c.get(USERNAME);
        this.password = c.get(PASSWORD);
        this.truststorePath = c.get(TRUSTSTORE_PATH);
        this.truststorePassword = c.get(TRUSTSTORE_PASSWORD);
        this.consistency = c.get(CONSISTENCY);
        this.requestTimeout = c.get(REQUEST_TIMEOUT);
        this.maxInFlight = positive(MAX_IN_FLIGHT, c.get(MAX_IN_FLIGHT));
        this.vectorMaxInFlight = positive(VECTOR_MAX_IN_FLIGHT, c.get(VECTOR_MAX_IN_FLIGHT));
        this.retryMaxAttempts = positive(RETRY_MAX_ATTEMPTS, c.get(RETRY_MAX_ATTEMPTS));
        this.retryInitialBackoff = c.get(RETRY_INITIAL_BACKOFF);
        this.retryMaxBackoff = c.get(RETRY_MAX_BACKOFF);
        this.coalesceWindow = c.get(COALESCE_WINDOW);
        this.coalesceMaxKeys = positive(COALESCE_MAX_KEYS, c.get(COALESCE_MAX_KEYS));
        this.batchMaxStatements = positive(BATCH_MAX_STATEMENTS, c.get(BATCH_MAX_STATEMENTS));
        Duration gatherAhead = c.get(BATCH_GATHER_AHEAD);
        if (gatherAhead.isNegative()) {
            throw new IllegalArgumentException(
                    BATCH_GATHER_AHEAD.key() + " must be >= 0: " + gatherAhead);
        }
        this.batchGatherAhead =
                gatherAhead.compareTo(coalesceWindow) > 0 ? coalesceWindow : gatherAhead;
        if (username != null && password == null) {
            throw new IllegalArgumentException(USERNAME.key() + " needs " + PASSWORD.key());
        }
    }

    /** Parses the options from a job's configuration; unset keys take their defaults. */
    public static CassandraOptions fromConfig(ReadableConfig config) {
        return new CassandraOptions(config);
    }

    /** Defaults, pointed at the given contact points and keyspace (tests, local stack). */
    public static CassandraOptions of(String contactPoints, String keyspace) {
        Configuration config = new Configuration();
        config.set(CONTACT_POINTS, contactPoints);
        config.set(KEYSPACE, keyspace);
        return fromConfig(config);
    }

    /** All option definitions, e.g. for documentation or CLI help. */
    public static List<ConfigOption<?>> definitions() {
        return List.of(
                CONTACT_POINTS,
                LOCAL_DATACENTER,
                KEYSPACE,
                USERNAME,
                PASSWORD,
                TRUSTSTORE_PATH,
                TRUSTSTORE_PASSWORD,
                CONSISTENCY,
                REQUEST_TIMEOUT,
                MAX_IN_FLIGHT,
                VECTOR_MAX_IN_FLIGHT,
                RETRY_MAX_ATTEMPTS,
                RETRY_INITIAL_BACKOFF,
                RETRY_MAX_BACKOFF,
                COALESCE_WINDOW,
                COALESCE_MAX_KEYS,
                BATCH_MAX_STATEMENTS,
                BATCH_GATHER_AHEAD);
    }

    public List<String> contactPoints() {
        return contactPoints;
    }

    public String localDatacenter() {
        return localDatacenter;
    }

    public String keyspace() {
        return keyspace;
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** The password; callers must never log it. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    public Optional<String> truststorePath() {
        return Optional.ofNullable(truststorePath);
    }

    /** The truststore password; callers must never log it. */
    public Optional<String> truststorePassword() {
        return Optional.ofNullable(truststorePassword);
    }

    public String consistency() {
        return consistency;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    public int vectorMaxInFlight() {
        return vectorMaxInFlight;
    }

    /** In-flight bound for one table: capped for tables with a vector index. */
    public int maxInFlightFor(CassandraTable<?> table) {
        return table.hasVectorIndex() ? Math.min(maxInFlight, vectorMaxInFlight) : maxInFlight;
    }

    public int retryMaxAttempts() {
        return retryMaxAttempts;
    }

    public Duration retryInitialBackoff() {
        return retryInitialBackoff;
    }

    public Duration retryMaxBackoff() {
        return retryMaxBackoff;
    }

    public Duration coalesceWindow() {
        return coalesceWindow;
    }

    public int coalesceMaxKeys() {
        return coalesceMaxKeys;
    }

    public int batchMaxStatements() {
        return batchMaxStatements;
    }

    public Duration batchGatherAhead() {
        return batchGatherAhead;
    }

    /** A configuration holding these options, e.g. to derive a variant with one key changed. */
    public Configuration toConfiguration() {
        Configuration c = new Configuration();
        c.set(CONTACT_POINTS, String.join(",", contactPoints));
        c.set(LOCAL_DATACENTER, localDatacenter);
        c.set(KEYSPACE, keyspace);
        setIfPresent(c, USERNAME, username);
        setIfPresent(c, PASSWORD, password);
        setIfPresent(c, TRUSTSTORE_PATH, truststorePath);
        setIfPresent(c, TRUSTSTORE_PASSWORD, truststorePassword);
        c.set(CONSISTENCY, consistency);
        c.set(REQUEST_TIMEOUT, requestTimeout);
        c.set(MAX_IN_FLIGHT, maxInFlight);
        c.set(VECTOR_MAX_IN_FLIGHT, vectorMaxInFlight);
        c.set(RETRY_MAX_ATTEMPTS, retryMaxAttempts);
        c.set(RETRY_INITIAL_BACKOFF, retryInitialBackoff);
        c.set(RETRY_MAX_BACKOFF, retryMaxBackoff);
        c.set(COALESCE_WINDOW, coalesceWindow);
        c.set(COALESCE_MAX_KEYS, coalesceMaxKeys);
        c.set(BATCH_MAX_STATEMENTS, batchMaxStatements);
        c.set(BATCH_GATHER_AHEAD, batchGatherAhead);
        return c;
    }

    /** A copy with one option changed. */
    public <V> CassandraOptions with(ConfigOption<V> option, V value) {
        Configuration c = toConfiguration();
        c.set(option, value);
        return fromConfig(c);
    }

    @Override
    public String toString() {
        return "CassandraOptions{contactPoints="
                + contactPoints
                + ", localDatacenter="
                + localDatacenter
                + ", keyspace="
                + keyspace
                + ", username="
                + username
                + ", password="
                + mask(password)
                + ", truststorePath="
                + truststorePath
                + ", truststorePassword="
                + mask(truststorePassword)
                + ", consistency="
                + consistency
                + ", requestTimeout="
                + requestTimeout
                + ", maxInFlight="
                + maxInFlight
                + ", vectorMaxInFlight="
                + vectorMaxInFlight
                + ", retryMaxAttempts="
                + retryMaxAttempts
                + ", retryBackoff="
                + retryInitialBackoff
                + ".."
                + retryMaxBackoff
                + ", coalesceWindow="
                + coalesceWindow
                + ", coalesceMaxKeys="
                + coalesceMaxKeys
                + ", batchMaxStatements="
                + batchMaxStatements
                + ", batchGatherAhead="
                + batchGatherAhead
                + '}';
    }

    private static String mask(String secret) {
        return secret == null ? "<none>" : "******";
    }

    private static <V> void setIfPresent(Configuration c, ConfigOption<V> option, V value) {
        if (value != null) {
            c.set(option, value);
        }
    }

    private static int positive(ConfigOption<Integer> option, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(option.key() + " must be > 0, was " + value);
        }
        return value;
    }

    private static List<String> parseContactPoints(String value) {
        List<String> points = new ArrayList<>();
        for (String part : Objects.requireNonNull(value).split(",")) {
            String point = part.strip();
            if (point.isEmpty()) {
                continue;
            }
            if (point.lastIndexOf(':') <= 0) {
                throw new IllegalArgumentException(
                        CONTACT_POINTS.key() + " entries must be host:port, was " + point);
            }
            points.add(point);
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException(CONTACT_POINTS.key() + " is empty");
        }
        return List.copyOf(points);
    }
}
