package io.reelstream.benchmarks.engine;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The catch-up end condition read from the Kafka source's per-partition offset gauges. */
class SourceProgressTest {

    private static final TopicPartition PLAYBACK_0 =
            new TopicPartition("reelstream.playback.v1", 0);
    private static final TopicPartition PLAYBACK_1 =
            new TopicPartition("reelstream.playback.v1", 1);
    private static final TopicPartition QOE_0 = new TopicPartition("reelstream.qoe.v1", 0);

    /** How the Flink Kafka source's metric ids spell the partitions. */
    private static final TopicPartition PLAYBACK_0_METRIC =
            new TopicPartition("reelstream_playback_v1", 0);

    private static final TopicPartition PLAYBACK_1_METRIC =
            new TopicPartition("reelstream_playback_v1", 1);

    private static final Map<TopicPartition, Long> END =
            Map.of(PLAYBACK_0, 100L, PLAYBACK_1, 50L, QOE_0, 70L);

    @Test
    void shouldParseOperatorScopedMetricIds() {
        assertThat(
                        SourceProgress.partitionOf(
                                "Source__read_playback.KafkaSourceReader.topic"
                                        + ".reelstream_playback_v1.partition.1.currentOffset"))
                .contains(PLAYBACK_1_METRIC);
        assertThat(SourceProgress.partitionOf("Source__read_playback.numRecordsOut")).isEmpty();
    }

    @Test
    void shouldCountOnlyTheTopicsTheJobReads() {
        SourceProgress progress =
                SourceProgress.of(END, List.of("reelstream.playback.v1"), Map.of());

        assertThat(progress.backlogRecords()).isEqualTo(150);
        assertThat(progress.remaining()).isEqualTo(150);
        assertThat(progress.caughtUp()).isFalse();
    }

    @Test
    void shouldBeCaughtUpWhenTheLastOffsetOfEveryPartitionWasFetched() {
        // currentOffset is the offset of the last record fetched: end - 1 means nothing is left
        SourceProgress progress =
                SourceProgress.of(
                        END,
                        List.of("reelstream.playback.v1"),
                        Map.of(PLAYBACK_0_METRIC, 99L, PLAYBACK_1_METRIC, 49L));

        assertThat(progress.caughtUp()).isTrue();
    }

    @Test
    void shouldTreatAnUnassignedPartitionAsUnread() {
        SourceProgress progress =
                SourceProgress.of(
                        END, List.of("reelstream.playback.v1"), Map.of(PLAYBACK_0_METRIC, 99L));

        assertThat(progress.remaining()).isEqualTo(50);
    }

    @Test
    void shouldTreatAnEmptyPartitionAsCaughtUp() {
        SourceProgress progress =
                SourceProgress.of(
                        Map.of(PLAYBACK_0, 0L), List.of("reelstream.playback.v1"), Map.of());

        assertThat(progress.caughtUp()).isTrue();
    }
}
