package io.reelstream.tests.support;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** How far a job's consumer group has read a topic: what ITCases wait on instead of sleeping. */
public final class KafkaProgress {

    private KafkaProgress() {}

    /**
     * Waits until consumer {@code group} committed offsets at the end of {@code topic}. Offsets are
     * committed when a checkpoint completes, and an aligned checkpoint completes only after every
     * operator processed the records before its barrier: the whole topic is then in the job's
     * state.
     */
    public static void awaitCommittedToEnd(
            String bootstrapServers, String group, String topic, Duration timeout)
            throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .forEach(
                            p ->
                                    latest.put(
                                            new TopicPartition(topic, p.partition()),
                                            OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest)
                    .all()
                    .get()
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                if (ends.entrySet().stream()
                        .allMatch(
                                e -> {
                                    OffsetAndMetadata c = committed.get(e.getKey());
                                    return e.getValue() == 0
                                            || (c != null && c.offset() >= e.getValue());
                                })) {
                    return;
                }
                Thread.sleep(500);
            }
        }
        throw new AssertionError(
                "group " + group + " did not checkpoint the whole of " + topic + " in " + timeout);
    }
}
