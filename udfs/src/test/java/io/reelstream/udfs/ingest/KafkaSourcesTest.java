package io.reelstream.udfs.ingest;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaSourcesTest {

    @Test
    void shouldBuildAnUnboundedRawRecordSourceWithPassThroughProperties() {
        Configuration config = new Configuration();
        config.set(IngestOptions.CLIENT_PROPERTIES, Map.of("security.protocol", "SASL_SSL"));
        KafkaSource<?> source =
                KafkaSources.rawRecords(
                        IngestOptions.from(config), List.of("reelstream.playback.v1"));
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    }

    @Test
    void shouldBatchFetchesByDefaultAndLetClientPropertiesOverrideIt() {
        assertThat(
                        IngestOptions.from(new Configuration())
                                .clientProperties(KafkaSources.CONSUMER_DEFAULTS))
                .containsEntry("fetch.min.bytes", "65536")
                .containsEntry("fetch.max.wait.ms", "50");
        Configuration config = new Configuration();
        config.set(IngestOptions.CLIENT_PROPERTIES, Map.of("fetch.max.wait.ms", "10"));
        assertThat(IngestOptions.from(config).clientProperties(KafkaSources.CONSUMER_DEFAULTS))
                .containsEntry("fetch.min.bytes", "65536")
                .containsEntry("fetch.max.wait.ms", "10");
    }

    @Test
    void shouldNotBatchTheFetchesOfQuietReferenceTopics() {
        assertThat(
                        IngestOptions.from(new Configuration())
                                .clientProperties(KafkaSources.REFERENCE_CONSUMER_DEFAULTS))
                .containsEntry("fetch.min.bytes", "1")
                .containsEntry("fetch.max.wait.ms", "500");
        Configuration config = new Configuration();
        config.set(IngestOptions.CLIENT_PROPERTIES, Map.of("fetch.max.wait.ms", "100"));
        assertThat(
                        IngestOptions.from(config)
                                .clientProperties(KafkaSources.REFERENCE_CONSUMER_DEFAULTS))
                .containsEntry("fetch.min.bytes", "1")
                .containsEntry("fetch.max.wait.ms", "100");
        KafkaSource<?> source =
                KafkaSources.referenceRecords(
                        IngestOptions.from(config), List.of("reelstream.catalog.v1"));
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    }

    @Test
    void shouldMapStartingOffsets() {
        assertThat(KafkaSources.offsets(StartingOffsets.COMMITTED).getAutoOffsetResetStrategy())
                .isEqualTo(OffsetResetStrategy.EARLIEST);
        assertThat(KafkaSources.offsets(StartingOffsets.LATEST).getAutoOffsetResetStrategy())
                .isEqualTo(OffsetResetStrategy.LATEST);
    }

    @Test
    void shouldRefuseMissingTopics() {
        IngestSettings options = IngestOptions.from(new Configuration());
        assertThatThrownBy(() -> KafkaSources.rawRecords(options, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KafkaSources.referenceRecords(options, List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
