package io.reelstream.udfs.cassandra;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static io.reelstream.udfs.config.OptionChecks.requirePositiveInt;

/**
 * Everything the Cassandra sink and sessions need, as typed Flink options (one place for keys,
 * defaults and descriptions), and {@link #from(ReadableConfig)}, which parses them into one {@link
 * CassandraSettings} per job. Keys are {@code reelstream.cassandra.*}; the {@code cassandra.*} keys
 * of earlier releases still work as deprecated keys (Flink logs a warning when one is used).
 */
public final class CassandraOptions {

    public static final ConfigOption<String> CONTACT_POINTS =
            ConfigOptions.key("reelstream.cassandra.contact-points")
                    .stringType()
                    .defaultValue("127.0.0.1:9042")
                    .withDescription("Comma-separated host:port list of Cassandra nodes.")
                    .withDeprecatedKeys("cassandra.contact-points");

    public static final ConfigOption<String> LOCAL_DATACENTER =
            ConfigOptions.key("reelstream.cassandra.local-datacenter")
                    .stringType()
                    .defaultValue("datacenter1")
                    .withDescription("Datacenter the driver routes requests to.")
                    .withDeprecatedKeys("cassandra.local-datacenter");

    public static final ConfigOption<String> KEYSPACE =
            ConfigOptions.key("reelstream.cassandra.keyspace")
                    .stringType()
                    .defaultValue("reelstream")
                    .withDescription("Keyspace of the serving tables.")
                    .withDeprecatedKeys("cassandra.keyspace");

    public static final ConfigOption<String> USERNAME =
            ConfigOptions.key("reelstream.cassandra.username")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("User for password authentication; none disables auth.")
                    .withDeprecatedKeys("cassandra.username");

    public static final ConfigOption<String> PASSWORD =
            ConfigOptions.key("reelstream.cassandra.password")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Password for reelstream.cassandra.username. Never logged.")
                    .withDeprecatedKeys("cassandra.password");

    public static final ConfigOption<String> TRUSTSTORE_PATH =
            ConfigOptions.key("reelstream.cassandra.tls.truststore.path")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("JKS/PKCS12 truststore; setting it enables TLS.")
                    .withDeprecatedKeys("cassandra.tls.truststore.path");

    public static final ConfigOption<String> TRUSTSTORE_PASSWORD =
            ConfigOptions.key("reelstream.cassandra.tls.truststore.password")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Password of the truststore. Never logged.")
                    .withDeprecatedKeys("cassandra.tls.truststore.password");

    public static final ConfigOption<String> CONSISTENCY =
            ConfigOptions.key("reelstream.cassandra.consistency")
                    .stringType()
                    .defaultValue("LOCAL_QUORUM")
                    .withDescription(
                            "Consistency level of every statement of the sink (its writes and the"
                                    + " setup statements a writer runs when it starts), a"
                                    + " driver DefaultConsistencyLevel name."
                                    + " LOCAL_QUORUM needs a majority of the replicas in the"
                                    + " local data center: with replication factor 2 both, so"
                                    + " while one replica is down writes fail as unavailable"
                                    + " and are retried with backoff (backpressure, nothing"
                                    + " lost). LOCAL_ONE or ONE keep writing on the live replica;"
                                    + " the coordinator keeps hints for the other and delivers"
                                    + " them when it is back (hinted handoff, 3 h window).")
                    .withDeprecatedKeys("cassandra.consistency");

    public static final ConfigOption<Duration> REQUEST_TIMEOUT =
            ConfigOptions.key("reelstream.cassandra.request-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "Client-side timeout of one request (the driver's 2 s default expires"
                                    + " under load on small nodes).")
                    .withDeprecatedKeys("cassandra.request-timeout");

    public static final ConfigOption<Integer> MAX_IN_FLIGHT =
            ConfigOptions.key("reelstream.cassandra.sink.max-in-flight")
                    .intType()
                    .defaultValue(256)
                    .withDescription(
                            "Write requests in flight per sink subtask; when reached, the sink"
                                    + " blocks (backpressure) instead of queueing.")
                    .withDeprecatedKeys("cassandra.sink.max-in-flight");

    public static final ConfigOption<Integer> VECTOR_MAX_IN_FLIGHT =
            ConfigOptions.key("reelstream.cassandra.sink.vector-max-in-flight")
                    .intType()
                    .defaultValue(2)
                    .withDescription(
                            "Cap on in-flight writes to tables with a vector (SAI ANN) index;"
                                    + " works around CASSANDRA-21644 on small nodes.")
                    .withDeprecatedKeys("cassandra.sink.vector-max-in-flight");

    public static final ConfigOption<Integer> RETRY_MAX_ATTEMPTS =
            ConfigOptions.key("reelstream.cassandra.sink.retry.max-attempts")
                    .intType()
                    .defaultValue(100)
                    .withDescription(
                            "Attempts per idempotent write on transient errors before the job"
                                    + " fails (and restarts from its last checkpoint).")
                    .withDeprecatedKeys("cassandra.sink.retry.max-attempts");

    public static final ConfigOption<Duration> RETRY_INITIAL_BACKOFF =
            ConfigOptions.key("reelstream.cassandra.sink.retry.initial-backoff")
                    .durationType()
                    .defaultValue(Duration.ofMillis(100))
                    .withDescription("Backoff before the first retry; doubles per attempt.")
                    .withDeprecatedKeys("cassandra.sink.retry.initial-backoff");

    public static final ConfigOption<Duration> RETRY_MAX_BACKOFF =
            ConfigOptions.key("reelstream.cassandra.sink.retry.max-backoff")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription("Upper bound of the backoff between two retries.")
                    .withDeprecatedKeys("cassandra.sink.retry.max-backoff");

    public static final ConfigOption<Duration> COALESCE_WINDOW =
            ConfigOptions.key("reelstream.cassandra.sink.coalesce.window")
                    .durationType()
                    .defaultValue(Duration.ofMillis(100))
                    .withDescription(
                            "How long elements are buffered so that several updates of one key"
                                    + " become one write (0 disables coalescing). The sink writes"
                                    + " its buffer before every checkpoint barrier, so a window"
                                    + " longer than the checkpoint interval acts as that interval.")
                    .withDeprecatedKeys("cassandra.sink.coalesce.window");

    public static final ConfigOption<Integer> COALESCE_MAX_KEYS =
            ConfigOptions.key("reelstream.cassandra.sink.coalesce.max-keys")
                    .intType()
                    .defaultValue(10_000)
                    .withDescription(
                            "Most keys buffered per sink subtask: beyond it the key buffered"
                                    + " longest is written before its window ends, so at high key"
                                    + " rates writes flow steadily instead of in bursts.")
                    .withDeprecatedKeys("cassandra.sink.coalesce.max-keys");

    public static final ConfigOption<Integer> BATCH_MAX_STATEMENTS =
            ConfigOptions.key("reelstream.cassandra.sink.batch.max-statements")
                    .intType()
                    .defaultValue(8)
                    .withDescription(
                            "Most rows sent as one unlogged batch. Only rows whose partitions"
                                    + " have the same replicas are batched (grouped by replica"
                                    + " set), so one request replaces several without extra"
                                    + " coordinator hops. 1 sends every row alone; tables with a"
                                    + " vector index are never batched.")
                    .withDeprecatedKeys("cassandra.sink.batch.max-statements");

    public static final ConfigOption<Duration> BATCH_GATHER_AHEAD =
            ConfigOptions.key("reelstream.cassandra.sink.batch.gather-ahead")
                    .durationType()
                    .defaultValue(Duration.ofMillis(50))
                    .withDescription(
                            "When the key buffered longest is due, keys due within this much"
                                    + " later are sent with it, so batches fill. Rows leave at"
                                    + " most this much before their coalescing window ends,"
                                    + " never later. Capped at the coalescing window.")
                    .withDeprecatedKeys("cassandra.sink.batch.gather-ahead");

    /** Every option, for documentation and CLI help. */
    public static final List<ConfigOption<?>> ALL =
            List.of(
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

    private CassandraOptions() {}

    /** Parses the options from a job's configuration; unset keys take their defaults. */
    public static CassandraSettings from(ReadableConfig c) {
        Duration coalesceWindow = c.get(COALESCE_WINDOW);
        Duration gatherAhead = c.get(BATCH_GATHER_AHEAD);
        if (gatherAhead.isNegative()) {
            throw new IllegalArgumentException(
                    BATCH_GATHER_AHEAD.key() + " must be >= 0: " + gatherAhead);
        }
        String username = c.get(USERNAME);
        String password = c.get(PASSWORD);
        if (username != null && password == null) {
            throw new IllegalArgumentException(USERNAME.key() + " needs " + PASSWORD.key());
        }
        return new CassandraSettings(
                parseContactPoints(c.get(CONTACT_POINTS)),
                c.get(LOCAL_DATACENTER),
                c.get(KEYSPACE),
                username,
                password,
                c.get(TRUSTSTORE_PATH),
                c.get(TRUSTSTORE_PASSWORD),
                consistency(c.get(CONSISTENCY)),
                c.get(REQUEST_TIMEOUT),
                requirePositiveInt(c, MAX_IN_FLIGHT),
                requirePositiveInt(c, VECTOR_MAX_IN_FLIGHT),
                requirePositiveInt(c, RETRY_MAX_ATTEMPTS),
                c.get(RETRY_INITIAL_BACKOFF),
                c.get(RETRY_MAX_BACKOFF),
                coalesceWindow,
                requirePositiveInt(c, COALESCE_MAX_KEYS),
                requirePositiveInt(c, BATCH_MAX_STATEMENTS),
                gatherAhead.compareTo(coalesceWindow) > 0 ? coalesceWindow : gatherAhead);
    }

    /** The level's canonical name; fails on a name the driver does not know. */
    private static String consistency(String value) {
        String name = value.strip().toUpperCase(Locale.ROOT);
        try {
            return DefaultConsistencyLevel.valueOf(name).name();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    CONSISTENCY.key()
                            + " must be one of "
                            + Arrays.toString(DefaultConsistencyLevel.values())
                            + ", was "
                            + value,
                    e);
        }
    }

    private static List<String> parseContactPoints(String value) {
        List<String> points = new ArrayList<>();
        for (String part : value.split(",")) {
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
