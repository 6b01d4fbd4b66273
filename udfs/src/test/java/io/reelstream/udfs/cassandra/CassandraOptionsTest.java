package io.reelstream.udfs.cassandra;

import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CassandraOptionsTest {

    @Test
    void shouldParseTypedOptionsWithDefaults() {
        Configuration config = new Configuration();
        config.set(CassandraOptions.CONTACT_POINTS, "10.0.0.1:9042, 10.0.0.2:9142");
        config.set(CassandraOptions.KEYSPACE, "ks");
        CassandraSettings options = CassandraOptions.from(config);

        assertThat(options.contactPoints()).containsExactly("10.0.0.1:9042", "10.0.0.2:9142");
        assertThat(options.keyspace()).isEqualTo("ks");
        assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.maxInFlight()).isEqualTo(256);
        assertThat(options.consistency()).isEqualTo("LOCAL_QUORUM");
        assertThat(options.username()).isNull();
    }

    @Test
    void shouldAcceptEveryDriverConsistencyLevelAndRejectOthers() {
        Configuration config = new Configuration();
        config.set(CassandraOptions.CONSISTENCY, " one ");
        assertThat(CassandraOptions.from(config).consistency()).isEqualTo("ONE");

        config.set(CassandraOptions.CONSISTENCY, "MAJORITY");
        assertThatThrownBy(() -> CassandraOptions.from(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reelstream.cassandra.consistency")
                .hasMessageContaining("LOCAL_QUORUM")
                .hasMessageContaining("MAJORITY");
    }

    @Test
    void shouldNeverPrintPasswords() {
        Configuration config = new Configuration();
        config.set(CassandraOptions.USERNAME, "app");
        config.set(CassandraOptions.PASSWORD, "s3cr3t-pw");
        config.set(CassandraOptions.TRUSTSTORE_PATH, "/etc/ts.p12");
        config.set(CassandraOptions.TRUSTSTORE_PASSWORD, "ts-s3cr3t");
        CassandraSettings options = CassandraOptions.from(config);

        assertThat(options.toString()).contains("app").doesNotContain("s3cr3t").contains("******");
        assertThat(options.password()).isEqualTo("s3cr3t-pw");
    }

    @Test
    void shouldCapInFlightForVectorTables() {
        CassandraSettings options = CassandraSettings.of("127.0.0.1:9042", "ks");
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
                                CassandraSettings.of("127.0.0.1:9042", "ks")
                                        .with(CassandraOptions.MAX_IN_FLIGHT, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CassandraSettings.of("no-port", "ks"))
                .isInstanceOf(IllegalArgumentException.class);
        Configuration userWithoutPassword = new Configuration();
        userWithoutPassword.set(CassandraOptions.USERNAME, "app");
        assertThatThrownBy(() -> CassandraOptions.from(userWithoutPassword))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRoundTripThroughConfiguration() {
        CassandraSettings options =
                CassandraSettings.of("127.0.0.1:9042", "ks")
                        .with(CassandraOptions.COALESCE_WINDOW, Duration.ofMillis(50));
        assertThat(CassandraOptions.from(options.toConfiguration()).toString())
                .isEqualTo(options.toString());
        assertThat(options.coalesceWindow()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void shouldStillReadTheDeprecatedKeysOfEarlierReleases() {
        Configuration config =
                Configuration.fromMap(
                        Map.of(
                                "cassandra.contact-points", "10.0.0.9:9042",
                                "cassandra.keyspace", "old_ks",
                                "cassandra.sink.max-in-flight", "64"));
        CassandraSettings options = CassandraOptions.from(config);

        assertThat(CassandraOptions.KEYSPACE.key()).isEqualTo("reelstream.cassandra.keyspace");
        assertThat(options.contactPoints()).containsExactly("10.0.0.9:9042");
        assertThat(options.keyspace()).isEqualTo("old_ks");
        assertThat(options.maxInFlight()).isEqualTo(64);
    }

    @Test
    void shouldPreferTheNewKeyOverItsDeprecatedOne() {
        Configuration config =
                Configuration.fromMap(
                        Map.of(
                                "cassandra.keyspace", "old_ks",
                                "reelstream.cassandra.keyspace", "new_ks"));
        assertThat(CassandraOptions.from(config).keyspace()).isEqualTo("new_ks");
    }

    @Test
    void shouldKeepEveryOldKeyAsADeprecatedKey() {
        assertThat(CassandraOptions.ALL)
                .allSatisfy(
                        option -> {
                            assertThat(option.key()).startsWith("reelstream.cassandra.");
                            assertThat(option.fallbackKeys())
                                    .singleElement()
                                    .satisfies(
                                            fallback -> {
                                                assertThat(fallback.isDeprecated()).isTrue();
                                                assertThat("reelstream." + fallback.getKey())
                                                        .isEqualTo(option.key());
                                            });
                        });
    }
}
