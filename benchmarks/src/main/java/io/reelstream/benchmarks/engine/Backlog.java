package io.reelstream.benchmarks.engine;

import io.reelstream.generator.GeneratorConfig;
import io.reelstream.generator.KafkaTrafficWriter;
import io.reelstream.generator.Topics;
import io.reelstream.generator.TrafficGenerator;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The catch-up backlog: generator traffic written to Kafka as fast as the producer goes, before any
 * job starts, with event time entirely in the past; then its end offset per partition, which tells
 * when a job has read all of it.
 *
 * @param events generator events written (catalog excluded)
 * @param records records written (catalog included)
 * @param writeSeconds wall time of the writing
 * @param lastEventTime event time of the last event, epoch ms
 * @param endOffsets end offset per partition of every topic the generator writes
 */
public record Backlog(
        long events,
        long records,
        double writeSeconds,
        long lastEventTime,
        Map<TopicPartition, Long> endOffsets) {

    private static final Logger LOG = LoggerFactory.getLogger(Backlog.class);

    /**
     * Writes {@code events} events of {@code config} to the default topics of {@code bootstrap}
     * (give the config a pacing rate far above what the producer reaches, so it never waits).
     */
    public static Backlog write(String bootstrap, GeneratorConfig config, long events)
            throws Exception {
        KafkaTrafficWriter.Summary sent;
        try (KafkaTrafficWriter writer =
                new KafkaTrafficWriter(
                        bootstrap, Map.of(), Topics.defaults(), Duration.ofSeconds(15))) {
            sent = writer.run(new TrafficGenerator(config), events, Duration.ofHours(6));
        }
        Map<TopicPartition, Long> ends = endOffsets(bootstrap, PassThroughJob.TOPICS);
        long records = ends.values().stream().mapToLong(Long::longValue).sum();
        LOG.info("Backlog: {} events, {} records in {}", sent.events(), records, ends);
        return new Backlog(
                sent.events(),
                records,
                sent.elapsed().toMillis() / 1000.0,
                sent.lastEventTime(),
                Map.copyOf(ends));
    }

    /** Records of the backlog in {@code topics}. */
    public long recordsIn(List<String> topics) {
        return SourceProgress.of(endOffsets, topics, Map.of()).backlogRecords();
    }

    private static Map<TopicPartition, Long> endOffsets(String bootstrap, List<String> topics)
            throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<String, TopicDescription> described =
                    admin.describeTopics(topics).allTopicNames().get(60, TimeUnit.SECONDS);
            for (TopicDescription topic : described.values()) {
                for (TopicPartitionInfo p : topic.partitions()) {
                    latest.put(
                            new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest)
                    .all()
                    .get(60, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        }
    }
}
