package io.reelstream.benchmarks.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Latency of the QoE job's live stall signal as a downstream consumer sees it: reads the stalls
 * topic with {@code read_committed} (as a careful consumer would; the job's Kafka sinks are
 * at-least-once, so no signal waits for a checkpoint) from its end, and records for each signal the
 * wall clock at receipt minus the moment the rebuffer passed the threshold ({@code stallStart +
 * threshold}, event time, which at speed-up 1 is the wall clock when the generator produced the
 * samples).
 */
final class StallLatencyProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StallLatencyProbe.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Thread thread;

    /** Per signal: when its stall crossed the threshold and the latency past it, ms. */
    private final List<long[]> signals = new ArrayList<>();

    private volatile boolean running = true;

    StallLatencyProbe(String bootstrap, String topic, Duration threshold) {
        this.thread =
                new Thread(() -> consume(bootstrap, topic, threshold.toMillis()), "stall-probe");
        this.thread.setDaemon(true);
    }

    /** Starts reading from the topic's current end. */
    static StallLatencyProbe start(String bootstrap, String topic, Duration threshold) {
        StallLatencyProbe probe = new StallLatencyProbe(bootstrap, topic, threshold);
        probe.thread.start();
        return probe;
    }

    /** Latencies (ms) of the signals from the {@code from}-th received on, in arrival order. */
    synchronized List<Long> latenciesFrom(int from) {
        List<Long> out = new ArrayList<>();
        for (int i = from; i < signals.size(); i++) {
            out.add(signals.get(i)[1]);
        }
        return out;
    }

    /**
     * Latencies (ms) of the signals whose stall crossed the threshold at or after {@code fromMs}:
     * stalls of the measured traffic, not those left from before it (a backlog's stalls whose
     * signal waited for live traffic to move event time on).
     */
    synchronized List<Long> latenciesOfStallsFrom(long fromMs) {
        List<Long> out = new ArrayList<>();
        for (long[] signal : signals) {
            if (signal[0] >= fromMs) {
                out.add(signal[1]);
            }
        }
        return out;
    }

    /** When the stall of one signal crossed the threshold ({@code stallStart + threshold}), ms. */
    static long thresholdCrossedAtMs(byte[] stallJson, long thresholdMs) throws IOException {
        JsonNode stall = JSON.readTree(stallJson);
        return stall.path("stallStart").asLong() + thresholdMs;
    }

    private void consume(String bootstrap, String topic, long thresholdMs) {
        Map<String, Object> props =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false",
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                        ByteArrayDeserializer.class.getName(),
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic)
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    long receivedAt = System.currentTimeMillis();
                    long crossedAt = thresholdCrossedAtMs(record.value(), thresholdMs);
                    synchronized (this) {
                        signals.add(new long[] {crossedAt, receivedAt - crossedAt});
                    }
                }
            }
        } catch (Exception e) {
            LOG.warn("Stall probe stopped: {}", e.toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(Duration.ofSeconds(10).toMillis());
    }
}
