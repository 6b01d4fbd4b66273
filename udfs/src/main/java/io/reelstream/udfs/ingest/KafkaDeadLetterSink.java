package io.reelstream.udfs.ingest;

import io.reelstream.schemas.deadletter.DeadLetter;

import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * The Kafka sink every job sends its dead letters to: at-least-once (a duplicated dead letter is
 * harmless, its key is the origin offset), same client properties as the sources.
 */
public final class KafkaDeadLetterSink {

    private KafkaDeadLetterSink() {}

    public static KafkaSink<DeadLetter> create(IngestOptions options, String topic) {
        return KafkaSinks.atLeastOnce(options, new DeadLetterRecordSchema(topic));
    }
}
