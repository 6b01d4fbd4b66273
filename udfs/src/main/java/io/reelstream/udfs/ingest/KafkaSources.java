package io.reelstream.udfs.ingest;

import io.reelstream.schemas.decode.RawRecord;

import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/** Builds the Kafka sources of every job the same way: raw records, options from config. */
public final class KafkaSources {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSources.class);

    private KafkaSources() {}

    /**
     * An unbounded source of raw records from {@code topics}, group id, starting offsets and client
     * properties from {@code options}.
     */
    public static KafkaSource<RawRecord> rawRecords(IngestOptions options, List<String> topics) {
        if (topics.isEmpty() || topics.stream().anyMatch(t -> t == null || t.isBlank())) {
            throw new IllegalArgumentException("topics must be non-empty names: " + topics);
        }
        Properties properties = new Properties();
        properties.putAll(options.clientProperties());
        LOG.info(
                "Kafka source: servers={}, topics={}, group={}, start={}, extra property keys={}",
                options.bootstrapServers(),
                topics,
                options.groupId(),
                options.startingOffsets(),
                new TreeSet<>(options.clientProperties().keySet()));
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(options.bootstrapServers())
                .setTopics(topics)
                .setGroupId(options.groupId())
                .setClientIdPrefix(options.groupId() + "-" + String.join("-", topics))
                .setStartingOffsets(offsets(options.startingOffsets()))
                .setDeserializer(new RawRecordDeserializer())
                .setProperties(properties)
                .build();
    }

    static OffsetsInitializer offsets(StartingOffsets startingOffsets) {
        return switch (startingOffsets) {
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
        };
    }
}
