package io.reelstream.udfs.cassandra;

import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CassandraOptionsTest {

    @Test
    void shouldParseTypedOptionsWithDefaults() {
        Configuration config = new Configuration();
        config.set(CassandraOptions.CONTACT_POINTS, "10.0.0.1:9042, 10.0.0.2:9142");
        config.set(CassandraOptions.KEYSPACE, "ks");
        CassandraOptions options = CassandraOptions.fromConfig(config);

        assertThat(options.contactPoints()).containsExactly("10.0.0.1:9042", "10.0.0.2:9142");
        assertThat(options.keyspace()).isEqualTo("ks");
        assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.maxInFlight()).isEqualTo(256);
        assertThat(options.consistency()).isEqualTo("LOCAL_QUORUM");
        assertThat(options.username()).isEmpty();
    }

    @Test
    void shouldNeverPrintPasswords() {
        Configuration config = new Configuration();
        config.set(CassandraOptions.USERNAME, "app");
        config.set(CassandraOptions.PASSWORD, "s3cr3t-pw");
        config.set(CassandraOptions.TRUSTSTORE_PATH, "/etc/ts.p12");
        config.set(CassandraOptions.TRUSTSTORE_PASSWORD, "ts-s3cr3t");
        CassandraOptions options = CassandraOptions.fromConfig(config);

        assertThat(options.toString()).contains("app").doesNotContain("s3cr3t").contains("******");
        assertThat(options.password()).contains("s3cr3t-pw");
    }

    @Test
    void shouldCapInFlightForVectorTables() {
        CassandraOptions options = CassandraOptions.of("127.0.0.1:9042", "ks");
        CassandraTable<?> plain = new TestRowTable();
        CassandraTable<?> vector =
                new TestRowTable() {
                    @Override
                    public boolean hasVectorIndex() {
                        return true;
                    }
                };
        assertThat(options.maxInFlightFor(plain)).isEqualTo(256);
        assertThat(options.maxInFlightFor(vector)).isEqualTo(2);
    }

    @Test
    void shouldRejectInvalidValues() {
        assertThatThrownBy(
                        () ->
                                CassandraOptions.of("127.0.0.1:9042", "ks")
                                        .with(CassandraOptions.MAX_IN_FLIGHT, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CassandraOptions.of("no-port", "ks"))
                .isInstanceOf(IllegalArgumentException.class);
        Configuration userWithoutPassword = new Configuration();
        userWithoutPassword.set(CassandraOptions.USERNAME, "app");
        assertThatThrownBy(() -> CassandraOptions.fromConfig(userWithoutPassword))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRoundTripThroughConfiguration() {
        CassandraOptions options =
                CassandraOptions.of("127.0.0.1:9042", "ks")
                        .with(CassandraOptions.COALESCE_WINDOW, Duration.ofMillis(50));
        assertThat(CassandraOptions.fromConfig(options.toConfiguration()).toString())
                .isEqualTo(options.toString());
        assertThat(options.coalesceWindow()).isEqualTo(Duration.ofMillis(50));
    }
}
