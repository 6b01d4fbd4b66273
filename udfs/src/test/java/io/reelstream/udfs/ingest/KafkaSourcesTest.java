package io.reelstream.udfs.ingest;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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

    /**
     * Event topics batch their fetches; quiet reference topics keep Kafka's own settings; client
     * properties override both.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fetchDefaults")
    void shouldSetFetchDefaultsThatClientPropertiesOverride(
            Map<String, String> defaults, String minBytes, String maxWaitMs) {
        assertThat(IngestOptions.from(new Configuration()).clientProperties(defaults))
                .containsEntry("fetch.min.bytes", minBytes)
                .containsEntry("fetch.max.wait.ms", maxWaitMs);
        Configuration config = new Configuration();
        config.set(IngestOptions.CLIENT_PROPERTIES, Map.of("fetch.max.wait.ms", "10"));
        assertThat(IngestOptions.from(config).clientProperties(defaults))
                .containsEntry("fetch.min.bytes", minBytes)
                .containsEntry("fetch.max.wait.ms", "10");
    }

    static Stream<Arguments> fetchDefaults() {
        return Stream.of(
                Arguments.of(KafkaSources.CONSUMER_DEFAULTS, "65536", "50"),
                Arguments.of(KafkaSources.REFERENCE_CONSUMER_DEFAULTS, "1", "500"));
    }

    @Test
    void shouldBuildAnUnboundedSourceOfAReferenceTopic() {
        KafkaSource<?> source =
                KafkaSources.referenceRecords(
                        IngestOptions.from(new Configuration()), List.of("reelstream.catalog.v1"));
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
