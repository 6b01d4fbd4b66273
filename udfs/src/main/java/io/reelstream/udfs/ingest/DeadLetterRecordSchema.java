package io.reelstream.udfs.ingest;

import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.schemas.json.JsonEncoder;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes dead letters to the dead-letter topic as JSON (contract {@code dead-letter}); the key is
 * the origin {@code topic/partition/offset}, so a replayed record overwrites its own dead letter
 * under compaction and the record timestamp is the rejection time.
 */
public final class DeadLetterRecordSchema implements KafkaRecordSerializationSchema<DeadLetter> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final JsonEncoder<DeadLetter> encoder = EventCodecs.deadLetterEncoder();

    public DeadLetterRecordSchema(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    /** The key of a dead letter: {@code sourceTopic/sourcePartition/sourceOffset}. */
    public static String keyOf(DeadLetter deadLetter) {
        return deadLetter.sourceTopic()
                + "/"
                + deadLetter.sourcePartition()
                + "/"
                + deadLetter.sourceOffset();
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            DeadLetter deadLetter, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                deadLetter.rejectedAt(),
                keyOf(deadLetter).getBytes(StandardCharsets.UTF_8),
                encoder.encode(deadLetter));
    }
}
