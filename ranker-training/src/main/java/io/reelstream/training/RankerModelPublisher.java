package io.reelstream.training;

import io.reelstream.udfs.ranker.GbdtModel;
import io.reelstream.udfs.ranker.RankerFeatures;
import io.reelstream.udfs.ranker.RankerModelCodec;
import io.reelstream.udfs.ranker.RankerModelUpdate;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * Publishes a trained ranker to the recommendations job's compacted model topic, where the running
 * job picks it up without a restart. A model the job would reject (unparseable, or trained on
 * another feature set) is refused here, before it reaches the topic.
 */
public final class RankerModelPublisher {

    /** Largest model accepted; the topic's {@code max.message.bytes} in topics.yaml matches. */
    public static final int MAX_MODEL_BYTES = 16 * 1024 * 1024;

    private RankerModelPublisher() {}

    /** The update the job reads for {@code modelJson} (checked as the job checks it). */
    public static RankerModelUpdate update(String version, byte[] modelJson, long publishedAt) {
        GbdtModel model = GbdtModel.fromXgboostJson(version, modelJson);
        if (!model.featureNames().equals(RankerFeatures.NAMES)) {
            throw new IllegalArgumentException(
                    "model "
                            + version
                            + " was trained on features "
                            + model.featureNames()
                            + ", the job serves feature set v"
                            + RankerFeatures.VERSION);
        }
        return new RankerModelUpdate(
                RankerModelUpdate.CURRENT_VERSION,
                version,
                RankerFeatures.VERSION,
                modelJson,
                publishedAt);
    }

    /** Sends {@code update} to {@code topic} and waits for the broker's acknowledgement. */
    public static RecordMetadata publish(
            String bootstrapServers, String topic, RankerModelUpdate update)
            throws InterruptedException, ExecutionException {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_MODEL_BYTES);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            return producer.send(
                            new ProducerRecord<>(
                                    topic,
                                    RankerModelUpdate.KEY.getBytes(StandardCharsets.UTF_8),
                                    RankerModelCodec.encode(update)))
                    .get();
        }
    }
}
