package io.reelstream.generator;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsAndWriterSettingsTest {

    @Test
    void shouldPrefixEveryDefaultTopicName() {
        Topics topics = new Topics("run-7.");
        assertThat(topics.of(TopicKind.PLAYBACK)).isEqualTo("run-7.reelstream.playback.v1");
        assertThat(topics.of(TopicKind.CATALOG)).isEqualTo("run-7.reelstream.catalog.v1");
        assertThat(Topics.defaults().all())
                .containsExactly(
                        "reelstream.catalog.v1",
                        "reelstream.playback.v1",
                        "reelstream.qoe.v1",
                        "reelstream.cmcd.v1",
                        "reelstream.search.v1",
                        "reelstream.dead-letter.v1");
    }

    @Test
    void shouldUseAnIdempotentLz4LingeringProducerAndPassExtrasThrough() {
        Properties p =
                KafkaTrafficWriter.producerProperties(
                        "broker:9092", Map.of("security.protocol", "SSL"));
        assertThat(p)
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "20")
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
                .containsEntry("security.protocol", "SSL");
    }
}
