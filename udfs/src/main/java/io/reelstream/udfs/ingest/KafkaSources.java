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

    /**
     * Fetch settings of a reference topic (catalog, ranker models): Kafka's own, a fetch that
     * returns as soon as one record is there and otherwise waits 500 ms at the broker. Such a topic
     * is quiet almost all the time, so the batching defaults above only made each of its readers
     * ask the broker 20 times a second for nothing; a record that does arrive is delivered at once
     * instead of after up to 50 ms. In idle engine runs their fetchers fell from 0.017–0.024 to
     * 0.001–0.003 cores (docs/benchmarks.md, session 29).
     */
    public static final Map<String, String> REFERENCE_CONSUMER_DEFAULTS =
            Map.of(
                    ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
                    "1",
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                    "500");

    private KafkaSources() {}

    /**
     * An unbounded source of raw records from the event {@code topics}, group id, starting offsets
     * and client properties from {@code options}; fetches batched by {@link #CONSUMER_DEFAULTS}.
     */
    public static KafkaSource<RawRecord> rawRecords(IngestSettings options, List<String> topics) {
        return build(options, topics, CONSUMER_DEFAULTS);
    }

    /**
     * The same for quiet reference topics, with {@link #REFERENCE_CONSUMER_DEFAULTS}: records as
     * soon as they arrive, and few empty fetches.
     */
    public static KafkaSource<RawRecord> referenceRecords(
            IngestSettings options, List<String> topics) {
        return build(options, topics, REFERENCE_CONSUMER_DEFAULTS);
    }

    private static KafkaSource<RawRecord> build(
            IngestSettings options, List<String> topics, Map<String, String> defaults) {
        if (topics.isEmpty() || topics.stream().anyMatch(t -> t == null || t.isBlank())) {
            throw new IllegalArgumentException("topics must be non-empty names: " + topics);
        }
        Properties properties = options.clientProperties(defaults);
        LOG.info(
                "Kafka source: servers={}, topics={}, group={}, start={}, fetch={}, extra property"
                        + " keys={}",
                options.bootstrapServers(),
                topics,
                options.groupId(),
                options.startingOffsets(),
                defaults,
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
