package io.reelstream.udfs.ingest;

import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestOptionsTest {

    @Test
    void shouldApplyDocumentedDefaults() {
        IngestSettings options = IngestOptions.from(new Configuration());
        assertThat(options.decodeLimits().maxRecordBytes()).isEqualTo(1024 * 1024);
        assertThat(options.decodeLimits().futureSkewMs()).isEqualTo(300_000);
        assertThat(options.outOfOrderness()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.idleness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.startingOffsets()).isEqualTo(StartingOffsets.COMMITTED);
        assertThat(IngestOptions.ALL).allSatisfy(o -> assertThat(o.hasDefaultValue()).isTrue());
    }

    @Test
    void shouldParseStringConfiguration() {
        Configuration config = new Configuration();
        config.setString("reelstream.decode.max-record-size", "64kb");
        config.setString("reelstream.decode.future-skew", "1 min");
        config.setString("reelstream.kafka.starting-offsets", "LATEST");
        config.setString(
                "reelstream.kafka.properties", "security.protocol:SASL_SSL,sasl.mechanism:PLAIN");
        IngestSettings options = IngestOptions.from(config);
        assertThat(options.decodeLimits().maxRecordBytes()).isEqualTo(64 * 1024);
        assertThat(options.decodeLimits().futureSkewMs()).isEqualTo(60_000);
        assertThat(options.startingOffsets()).isEqualTo(StartingOffsets.LATEST);
        assertThat(options.clientProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN");
    }

    @Test
    void shouldNeverPrintClientPropertyValues() {
        Configuration config = new Configuration();
        config.set(
                ConfigOptions.key("reelstream.kafka.properties.sasl.jaas.config")
                        .stringType()
                        .noDefaultValue(),
                "password=hunter2");
        IngestSettings options = IngestOptions.from(config);
        assertThat(options.clientProperties())
                .containsEntry("sasl.jaas.config", "password=hunter2");
        assertThat(options.toString()).contains("sasl.jaas.config").doesNotContain("hunter2");
    }

    @Test
    void shouldRefuseSecretsInTheInlineFormTheDashboardWouldShow() {
        Configuration config = new Configuration();
        config.set(
                IngestOptions.CLIENT_PROPERTIES,
                Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", "password=hunter2"));
        assertThatThrownBy(() -> IngestOptions.from(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reelstream.kafka.properties.sasl.jaas.config")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void shouldRejectBadValuesNamingTheKey() {
        Configuration empty = new Configuration();
        empty.set(IngestOptions.BOOTSTRAP_SERVERS, " ");
        assertThatThrownBy(() -> IngestOptions.from(empty))
                .hasMessageContaining("bootstrap-servers");
        Configuration huge = new Configuration();
        huge.set(IngestOptions.MAX_RECORD_SIZE, MemorySize.parse("4gb"));
        assertThatThrownBy(() -> IngestOptions.from(huge)).hasMessageContaining("max-record-size");
    }
}
