package io.reelstream.udfs.recs;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.Objects;

/** Writes item-factor updates to the compacted replica topic, keyed by show id. */
public final class ItemFactorRecordSchema
        implements KafkaRecordSerializationSchema<ItemFactorUpdate> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public ItemFactorRecordSchema(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            ItemFactorUpdate update, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                update.updatedAt(),
                ItemFactorCodec.key(update),
                ItemFactorCodec.encode(update));
    }
}
