package io.reelstream.udfs.cassandra;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CassandraSessionsTest {

    @Test
    void driverConfigurationComesFromTheTypedOptions() {
        CassandraSettings options =
                CassandraSettings.of("127.0.0.1:9042", "ks")
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
    void closingASessionWaitsATenthOfASecondNotNettysTwoSecondQuietPeriod() {
        DriverExecutionProfile profile = profileOf(CassandraSettings.of("127.0.0.1:9042", "ks"));

        for (DefaultDriverOption[] group :
                new DefaultDriverOption[][] {
                    {
                        DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD,
                        DefaultDriverOption.NETTY_IO_SHUTDOWN_TIMEOUT,
                        DefaultDriverOption.NETTY_IO_SHUTDOWN_UNIT
                    },
                    {
                        DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD,
                        DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_TIMEOUT,
                        DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_UNIT
                    }
                }) {
            TimeUnit unit = TimeUnit.valueOf(profile.getString(group[2]));
            assertThat(unit.toMillis(profile.getInt(group[0]))).isEqualTo(100);
            // the overall bound stays: a close that hangs still ends
            assertThat(unit.toSeconds(profile.getInt(group[1]))).isEqualTo(15);
        }
    }

    private static DriverExecutionProfile profileOf(CassandraSettings options) {
        DriverConfigLoader loader = CassandraSessions.driverConfig(options);
        try {
            return loader.getInitialConfig().getDefaultProfile();
        } finally {
            loader.close();
        }
    }
}
