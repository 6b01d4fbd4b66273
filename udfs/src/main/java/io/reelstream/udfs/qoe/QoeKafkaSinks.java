package io.reelstream.udfs.qoe;

import io.reelstream.schemas.qoe.KafkaKeyed;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.ingest.KafkaSinks;

import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * Kafka sinks for QoE outputs ({@link KafkaSinks#atLeastOnce}): every record is keyed and
 * idempotent for its consumers (a summary per playback, an alert transition per alert id).
 */
public final class QoeKafkaSinks {

    private QoeKafkaSinks() {}

    public static <T extends KafkaKeyed> KafkaSink<T> create(IngestOptions options, String topic) {
        return KafkaSinks.atLeastOnce(options, new QoeJsonRecordSchema<T>(topic));
    }
}
