package io.reelstream.udfs.features;

import io.reelstream.schemas.features.UserFeatureVector;
import io.reelstream.schemas.features.UserFeatureVectorAvro;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes feature vectors to the feature topic in contract v2 ({@link UserFeatureVectorAvro}), keyed
 * by user id so a consumer sees each user's vectors in order; the record timestamp is the as-of
 * time.
 */
public final class UserFeatureVectorRecordSchema
        implements KafkaRecordSerializationSchema<UserFeatureVector> {

    private static final long serialVersionUID = 2L;

    private final String topic;
    private transient UserFeatureVectorAvro avro;

    public UserFeatureVectorRecordSchema(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            UserFeatureVector vector, KafkaSinkContext context, Long timestamp) {
        if (avro == null) {
            avro = new UserFeatureVectorAvro();
        }
        return new ProducerRecord<>(
                topic,
                null,
                vector.asOf,
                vector.userId.getBytes(StandardCharsets.UTF_8),
                avro.encode(vector));
    }
}
