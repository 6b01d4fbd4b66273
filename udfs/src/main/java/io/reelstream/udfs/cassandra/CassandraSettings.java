package io.reelstream.udfs.cassandra;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Everything the Cassandra sink and sessions need, parsed from {@link CassandraOptions}: one
 * immutable, serializable value per job. {@link #toString()} masks the passwords.
 *
 * @param username user for password authentication, or null (no authentication)
 * @param password password of {@code username}, or null; callers must never log it
 * @param truststorePath truststore enabling TLS, or null (no TLS)
 * @param truststorePassword password of the truststore, or null; callers must never log it
 */
public record CassandraSettings(
        List<String> contactPoints,
        String localDatacenter,
        String keyspace,
        String username,
        String password,
        String truststorePath,
        String truststorePassword,
        String consistency,
        Duration requestTimeout,
        int maxInFlight,
        int vectorMaxInFlight,
        int retryMaxAttempts,
        Duration retryInitialBackoff,
        Duration retryMaxBackoff,
        Duration coalesceWindow,
        int coalesceMaxKeys,
        int batchMaxStatements,
        Duration batchGatherAhead)
        implements Serializable {

    public CassandraSettings {
        contactPoints = List.copyOf(contactPoints);
    }

    /** Defaults, pointed at the given contact points and keyspace (tests, local stack). */
    public static CassandraSettings of(String contactPoints, String keyspace) {
        Configuration config = new Configuration();
        config.set(CassandraOptions.CONTACT_POINTS, contactPoints);
        config.set(CassandraOptions.KEYSPACE, keyspace);
        return CassandraOptions.from(config);
    }

    /** In-flight bound for one table: capped for tables with a vector index. */
    public int maxInFlightFor(CassandraTable<?> table) {
        return table.hasVectorIndex() ? Math.min(maxInFlight, vectorMaxInFlight) : maxInFlight;
    }

    /** A configuration holding these settings, e.g. to derive a variant with one key changed. */
    public Configuration toConfiguration() {
        Configuration c = new Configuration();
        c.set(CassandraOptions.CONTACT_POINTS, String.join(",", contactPoints));
        c.set(CassandraOptions.LOCAL_DATACENTER, localDatacenter);
        c.set(CassandraOptions.KEYSPACE, keyspace);
        setIfPresent(c, CassandraOptions.USERNAME, username);
        setIfPresent(c, CassandraOptions.PASSWORD, password);
        setIfPresent(c, CassandraOptions.TRUSTSTORE_PATH, truststorePath);
        setIfPresent(c, CassandraOptions.TRUSTSTORE_PASSWORD, truststorePassword);
        c.set(CassandraOptions.CONSISTENCY, consistency);
        c.set(CassandraOptions.REQUEST_TIMEOUT, requestTimeout);
        c.set(CassandraOptions.MAX_IN_FLIGHT, maxInFlight);
        c.set(CassandraOptions.VECTOR_MAX_IN_FLIGHT, vectorMaxInFlight);
        c.set(CassandraOptions.RETRY_MAX_ATTEMPTS, retryMaxAttempts);
        c.set(CassandraOptions.RETRY_INITIAL_BACKOFF, retryInitialBackoff);
        c.set(CassandraOptions.RETRY_MAX_BACKOFF, retryMaxBackoff);
        c.set(CassandraOptions.COALESCE_WINDOW, coalesceWindow);
        c.set(CassandraOptions.COALESCE_MAX_KEYS, coalesceMaxKeys);
        c.set(CassandraOptions.BATCH_MAX_STATEMENTS, batchMaxStatements);
        c.set(CassandraOptions.BATCH_GATHER_AHEAD, batchGatherAhead);
        return c;
    }

    /** A copy with one option changed, checked as when parsed. */
    public <V> CassandraSettings with(ConfigOption<V> option, V value) {
        Configuration c = toConfiguration();
        c.set(option, value);
        return CassandraOptions.from(c);
    }

    /** Safe to log: the passwords are masked. */
    @Override
    public String toString() {
        return "CassandraSettings[contactPoints="
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
                + ']';
    }

    private static String mask(String secret) {
        return secret == null ? "<none>" : "******";
    }

    private static <V> void setIfPresent(Configuration c, ConfigOption<V> option, V value) {
        if (value != null) {
            c.set(option, value);
        }
    }
}
