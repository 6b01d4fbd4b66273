package io.reelstream.udfs.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;

/**
 * Opens driver sessions from {@link CassandraSettings} with the driver configuration built in code
 * (no application.conf on the classpath to drift): contact points, local DC, auth, TLS,
 * consistency, timeouts, and a reconnection policy short enough to resume quickly after an outage.
 * Used by the sink, the serving client, the migrator command and the tests.
 */
public final class CassandraSessions {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraSessions.class);

    /** After an outage the driver reconnects at most this long after the node is back. */
    private static final Duration RECONNECT_MAX_DELAY = Duration.ofSeconds(2);

    /**
     * Netty's quiet period when a session closes, in milliseconds. The driver's default (2 s) made
     * every {@code close()} wait two idle seconds: each sink subtask's close (end of input, task
     * cancellation, failover) blocked that long. Not 0: the driver's own close hands a last
     * listener to its admin executor after the close completes, and a group already terminated
     * rejects it with a logged RejectedExecutionException.
     */
    static final int SHUTDOWN_QUIET_PERIOD_MILLIS = 100;

    /** Netty's bound on the whole shutdown (the driver's default, 15 s), in milliseconds. */
    static final int SHUTDOWN_TIMEOUT_MILLIS = 15_000;

    private CassandraSessions() {}

    /** A connected session; the caller closes it. Fails if no contact point answers. */
    public static CqlSession open(CassandraSettings options) {
        LOG.info("Opening Cassandra session with {}", options);
        CqlSessionBuilder builder =
                CqlSession.builder()
                        .withConfigLoader(driverConfig(options))
                        .withLocalDatacenter(options.localDatacenter());
        for (String point : options.contactPoints()) {
            builder.addContactPoint(address(point));
        }
        if (options.username() != null) {
            builder.withAuthCredentials(options.username(), options.password());
        }
        if (options.truststorePath() != null) {
            String truststorePassword = options.truststorePassword();
            builder.withSslContext(
                    sslContext(
                            options.truststorePath(),
                            truststorePassword == null ? "" : truststorePassword));
        }
        return builder.build();
    }

    /** The programmatic driver configuration for {@code options}. */
    public static DriverConfigLoader driverConfig(CassandraSettings options) {
        Duration timeout = options.requestTimeout();
        return DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, timeout)
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, options.consistency())
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.CONNECTION_SET_KEYSPACE_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(500))
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, RECONNECT_MAX_DELAY)
                .withInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, 2048)
                .withInt(
                        DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD,
                        SHUTDOWN_QUIET_PERIOD_MILLIS)
                .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_TIMEOUT, SHUTDOWN_TIMEOUT_MILLIS)
                .withString(DefaultDriverOption.NETTY_IO_SHUTDOWN_UNIT, "MILLISECONDS")
                .withInt(
                        DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD,
                        SHUTDOWN_QUIET_PERIOD_MILLIS)
                .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_TIMEOUT, SHUTDOWN_TIMEOUT_MILLIS)
                .withString(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_UNIT, "MILLISECONDS")
                .build();
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(
                hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static SSLContext sslContext(String truststorePath, String password) {
        Path path = Path.of(truststorePath);
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(in, password.toCharArray());
            TrustManagerFactory factory =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            // The message names the file only: never the password.
            throw new IllegalArgumentException("Cannot load truststore " + path, e);
        }
    }
}
