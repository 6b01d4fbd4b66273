package io.reelstream.schemas.qoe;

/** A QoE output record that knows its Kafka key and record timestamp. */
public interface KafkaKeyed {

    /** Key that keeps all records of one entity (playback, alert) in one partition, in order. */
    String kafkaKey();

    /** Event time of the record, epoch ms, used as the Kafka record timestamp. */
    long kafkaTimestamp();
}
