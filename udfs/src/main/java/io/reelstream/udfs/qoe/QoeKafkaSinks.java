package io.reelstream.udfs.qoe;

import io.reelstream.udfs.ingest.IngestOptions;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;

import java.util.Properties;

/**
 * Kafka sinks for QoE outputs: at-least-once, since every record is keyed and idempotent for its
 * consumers (a summary per playback, an alert transition per alert id).
 */
public final class QoeKafkaSinks {

    private QoeKafkaSinks() {}

    public static <T extends KafkaKeyed> KafkaSink<T> create(IngestOptions options, String topic) {
        Properties properties = new Properties();
        properties.putAll(options.clientProperties());
        return KafkaSink.<T>builder()
                .setBootstrapServers(options.bootstrapServers())
                .setRecordSerializer(new QoeJsonSerializer<T>(topic))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setKafkaProducerConfig(properties)
                .build();
    }
}
