package io.reelstream.udfs.ingest;

import io.reelstream.schemas.decode.DeadLetter;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;

import java.util.Properties;

/**
 * The Kafka sink every job sends its dead letters to: at-least-once (a duplicated dead letter is
 * harmless, its key is the origin offset), same client properties as the sources.
 */
public final class KafkaDeadLetterSink {

    private KafkaDeadLetterSink() {}

    public static KafkaSink<DeadLetter> create(IngestOptions options, String topic) {
        Properties properties = new Properties();
        properties.putAll(options.clientProperties());
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(options.bootstrapServers())
                .setRecordSerializer(new DeadLetterSerializer(topic))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setKafkaProducerConfig(properties)
                .build();
    }
}
