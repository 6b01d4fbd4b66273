package io.reelstream.udfs.ingest;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Map;
import java.util.Properties;

/**
 * The one way jobs write to Kafka: at-least-once (every output record is keyed, and its consumers
 * keep the newest per key or tolerate a repeat), the sources' client properties, and producer
 * batching suited to a steady stream of small records ({@link #PRODUCER_DEFAULTS}; client
 * properties override them).
 */
public final class KafkaSinks {

    /**
     * Up to 20 ms of linger and 64 KiB batches: the producer's sender thread then sends a few
     * batches per partition and 20 ms instead of waking for every few records (measured in
     * docs/benchmarks.md, issue 15); 20 ms is well inside the sub-second freshness budget.
     */
    public static final Map<String, String> PRODUCER_DEFAULTS =
            Map.of(
                    ProducerConfig.LINGER_MS_CONFIG,
                    "20",
                    ProducerConfig.BATCH_SIZE_CONFIG,
                    "65536");

    private KafkaSinks() {}

    public static <T> KafkaSink<T> atLeastOnce(
            IngestSettings options, KafkaRecordSerializationSchema<T> records) {
        Properties properties = options.clientProperties(PRODUCER_DEFAULTS);
        return KafkaSink.<T>builder()
                .setBootstrapServers(options.bootstrapServers())
                .setRecordSerializer(records)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setKafkaProducerConfig(properties)
                .build();
    }
}
