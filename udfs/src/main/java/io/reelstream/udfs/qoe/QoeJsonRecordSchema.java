package io.reelstream.udfs.qoe;

import io.reelstream.schemas.qoe.KafkaKeyed;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes QoE output records (session summaries, stalls, alerts) to a Kafka topic as JSON, keyed by
 * {@link KafkaKeyed#kafkaKey()} and stamped with their event time. Every payload carries its
 * contract version in {@code v}.
 */
public final class QoeJsonRecordSchema<T extends KafkaKeyed>
        implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;

    public QoeJsonRecordSchema(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    /** The JSON bytes of one record (also used by tests and the CLI). */
    public static byte[] toJson(Object record) {
        try {
            return JSON.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("QoE record not serializable: " + record, e);
        }
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T record, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                record.kafkaTimestamp(),
                record.kafkaKey().getBytes(StandardCharsets.UTF_8),
                toJson(record));
    }
}
