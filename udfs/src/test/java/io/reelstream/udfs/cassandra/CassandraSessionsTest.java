package io.reelstream.udfs.cassandra;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CassandraSessionsTest {

    @Test
    void driverConfigurationComesFromTheTypedOptions() {
        CassandraOptions options =
                CassandraOptions.of("127.0.0.1:9042", "ks")
                        .with(CassandraOptions.CONSISTENCY, "ONE")
                        .with(CassandraOptions.REQUEST_TIMEOUT, Duration.ofSeconds(3));

        DriverExecutionProfile profile = profileOf(options);

        assertThat(profile.getString(DefaultDriverOption.REQUEST_CONSISTENCY)).isEqualTo("ONE");
        assertThat(profile.getDuration(DefaultDriverOption.REQUEST_TIMEOUT))
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(profile.getDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY))
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void closingASessionDoesNotWaitForNettysTwoSecondQuietPeriod() {
        DriverExecutionProfile profile = profileOf(CassandraOptions.of("127.0.0.1:9042", "ks"));

        assertThat(profile.getInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD)).isZero();
        assertThat(profile.getInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD)).isZero();
        // the overall bound stays: a close that hangs still ends
        assertThat(profile.getInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_TIMEOUT)).isPositive();
    }

    private static DriverExecutionProfile profileOf(CassandraOptions options) {
        DriverConfigLoader loader = CassandraSessions.driverConfig(options);
        try {
            return loader.getInitialConfig().getDefaultProfile();
        } finally {
            loader.close();
        }
    }
}
