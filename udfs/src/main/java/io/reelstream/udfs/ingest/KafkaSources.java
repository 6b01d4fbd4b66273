package io.reelstream.udfs.ingest;

import io.reelstream.schemas.decode.RawRecord;

import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/** Builds the Kafka sources of every job the same way: raw records, options from config. */
public final class KafkaSources {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSources.class);

    /**
     * A fetch returns when it has 64 KiB or has waited 50 ms: with live traffic the consumer then
     * sends a fetch per partition every ~50 ms instead of one per few records (a live-phase profile
     * of bench engine had the playback fetchers at ~12 % of the JVM's samples, see
     * docs/benchmarks-archive.md, session 7). A catch-up is unaffected (its fetches fill at once),
     * and 50 ms is well inside the sub-second freshness budget. Client properties override them.
     */
    public static final Map<String, String> CONSUMER_DEFAULTS =
            Map.of(
                    ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
                    "65536",
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                    "50");

    private KafkaSources() {}

    /**
     * An unbounded source of raw records from {@code topics}, group id, starting offsets and client
     * properties from {@code options}.
     */
    public static KafkaSource<RawRecord> rawRecords(IngestSettings options, List<String> topics) {
        if (topics.isEmpty() || topics.stream().anyMatch(t -> t == null || t.isBlank())) {
            throw new IllegalArgumentException("topics must be non-empty names: " + topics);
        }
        Properties properties = options.clientProperties(CONSUMER_DEFAULTS);
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
                .setDeserializer(new RawRecordSchema())
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
