package io.reelstream.localstack;

import io.reelstream.schemas.TopicNames;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicBootstrapTest {

    @Test
    void shouldShipExactlyTheContractsTopicsInTheirOrder() {
        TopicBootstrap topics = TopicBootstrap.fromClasspath();

        assertThat(topics.topics())
                .extracting(TopicSpec::name)
                .as("deploy/kafka/topics.yaml defines exactly the contracts' topic names")
                .containsExactlyElementsOf(TopicNames.ALL);
        assertThat(topics.topics())
                .allSatisfy(t -> assertThat(t.replication()).isEqualTo((short) 1));
    }

    @Test
    void shouldCompactOnlyChangelogTopics() {
        TopicBootstrap topics = TopicBootstrap.fromClasspath();

        assertThat(topics.topics())
                .filteredOn(TopicSpec::compacted)
                .extracting(TopicSpec::name)
                .containsExactlyInAnyOrder(
                        "reelstream.catalog.v1",
                        "reelstream.item-factors.v1",
                        "reelstream.ranker-models.v1");
        assertThat(topics.topic("reelstream.playback.v1").config())
                .containsEntry("retention.ms", "604800000");
    }

    @Test
    void shouldPrefixNames() {
        TopicSpec spec = TopicBootstrap.fromClasspath().topic("reelstream.qoe.v1");

        assertThat(spec.nameWithPrefix("test-1a2b.")).isEqualTo("test-1a2b.reelstream.qoe.v1");
        assertThat(spec.nameWithPrefix("")).isEqualTo("reelstream.qoe.v1");
    }

    @Test
    void shouldOverrideReplicationForRealClusters() {
        TopicBootstrap three = TopicBootstrap.fromClasspath().withReplication((short) 3);

        assertThat(three.topics())
                .allSatisfy(t -> assertThat(t.replication()).isEqualTo((short) 3));
        assertThat(three.topic("reelstream.catalog.v1").compacted()).isTrue();
    }

    @Test
    void shouldParseDefaultsAndConfigValuesAsText() throws Exception {
        TopicBootstrap topics =
                TopicBootstrap.parse(
                        yaml(
                                "format: 1\n"
                                        + "topics:\n"
                                        + "  - name: a\n"
                                        + "    partitions: 3\n"
                                        + "    config:\n"
                                        + "      retention.ms: 1000\n"));

        TopicSpec a = topics.topic("a");
        assertThat(a.partitions()).isEqualTo(3);
        assertThat(a.replication()).isEqualTo((short) 1);
        assertThat(a.config()).containsEntry("retention.ms", "1000");
        assertThat(a.compacted()).isFalse();
    }

    @Test
    void shouldRejectUnknownFormatAndIncompleteTopics() {
        assertThatThrownBy(
                        () ->
                                TopicBootstrap.parse(
                                        yaml("format: 2\ntopics: [{name: a, partitions: 1}]")))
                .hasMessageContaining("format 2");
        assertThatThrownBy(() -> TopicBootstrap.parse(yaml("format: 1\ntopics: [{name: a}]")))
                .hasMessageContaining("partitions");
        assertThatThrownBy(() -> TopicBootstrap.parse(yaml("format: 1\ntopics: []")))
                .hasMessageContaining("no topics");
        assertThatThrownBy(
                        () ->
                                TopicBootstrap.parse(
                                        yaml("format: 1\ntopics: [{name: a, partitions: 0}]")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static InputStream yaml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
