package io.reelstream.benchmarks.engine;

import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far a job's Kafka sources are through the backlog, from the {@code currentOffset} gauges the
 * Flink Kafka source registers per partition ({@code
 * KafkaSourceReader.topic.<topic>.partition.<n>.currentOffset}, the topic's dots written as
 * underscores: the offset of the last record fetched, -1 before the first): the catch-up
 * benchmark's end condition without a consumer group.
 *
 * @param backlogRecords records of the backlog in the topics the job reads
 * @param remaining of those, records the job has not fetched yet (0: consumer lag 0)
 */
public record SourceProgress(long backlogRecords, long remaining) {

    private static final Pattern CURRENT_OFFSET =
            Pattern.compile(
                    "KafkaSourceReader\\.topic\\.(.+)\\.partition\\.(\\d+)\\.currentOffset$");

    /** Whether every record of the backlog in the job's topics has been fetched. */
    public boolean caughtUp() {
        return remaining == 0;
    }

    /**
     * The partition a {@code currentOffset} metric id is about, if it is one, with the topic as the
     * metric spells it (see {@link #metricTopic}).
     */
    public static Optional<TopicPartition> partitionOf(String metricId) {
        Matcher m = CURRENT_OFFSET.matcher(metricId);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new TopicPartition(m.group(1), Integer.parseInt(m.group(2))));
    }

    /**
     * @param endOffsets the backlog's end offset per partition (all topics produced to)
     * @param topics the topics the job reads
     * @param currentOffsets the job's {@code currentOffset} per partition, as {@link #partitionOf}
     *     reads it; a partition without one has not been assigned or read yet
     */
    public static SourceProgress of(
            Map<TopicPartition, Long> endOffsets,
            Collection<String> topics,
            Map<TopicPartition, Long> currentOffsets) {
        long backlog = 0;
        long remaining = 0;
        for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
            if (!topics.contains(end.getKey().topic())) {
                continue;
            }
            TopicPartition inMetrics =
                    new TopicPartition(metricTopic(end.getKey().topic()), end.getKey().partition());
            long fetched = currentOffsets.getOrDefault(inMetrics, -1L) + 1;
            backlog += end.getValue();
            remaining += Math.max(0, end.getValue() - fetched);
        }
        return new SourceProgress(backlog, remaining);
    }

    /** A topic name as Flink's metric ids spell it: dots become underscores. */
    static String metricTopic(String topic) {
        return topic.replace('.', '_');
    }
}
