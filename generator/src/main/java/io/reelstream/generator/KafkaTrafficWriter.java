package io.reelstream.generator;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends generated traffic to Kafka: the catalog at once, then events (and the catalog records of
 * shows released during the run, not counted as events) paced so that event time runs {@code
 * speedUp} times faster than wall time (which gives about {@code eventsPerSecond}). Uses an
 * idempotent, lz4-compressed, lingering producer; the Kafka record timestamp is the event time.
 * Logs a progress line every {@code progressInterval}.
 */
public final class KafkaTrafficWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTrafficWriter.class);
    private static final int MAX_LOGGED_ERRORS = 5;

    private final Producer<byte[], byte[]> producer;
    private final Topics topics;
    private final Duration progressInterval;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong eventsSent = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final Callback callback = new FailureCounter();
    private volatile boolean stopRequested;

    /**
     * @param bootstrapServers Kafka bootstrap servers
     * @param extraProperties extra producer properties (SASL, TLS, ...); values are never logged
     */
    public KafkaTrafficWriter(
            String bootstrapServers,
            Map<String, String> extraProperties,
            Topics topics,
            Duration progressInterval) {
        this(
                new KafkaProducer<>(producerProperties(bootstrapServers, extraProperties)),
                topics,
                progressInterval);
    }

    KafkaTrafficWriter(
            Producer<byte[], byte[]> producer, Topics topics, Duration progressInterval) {
        this.producer = producer;
        this.topics = topics;
        this.progressInterval = progressInterval;
    }

    /** Idempotent producer, acks=all, lz4, 20 ms linger, 256 KiB batches. */
    public static Properties producerProperties(
            String bootstrapServers, Map<String, String> extra) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        properties.put(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.putAll(extra);
        return properties;
    }

    /**
     * Sends records from {@code generator} until {@code maxEvents} events (catalog excluded) or
     * {@code maxWallTime} (counted from the first event, after the catalog and the generator's
     * warm-up) have passed, whichever comes first; flushes before returning.
     *
     * @return what was sent
     * @throws IllegalStateException if any send failed
     */
    public Summary run(TrafficGenerator generator, long maxEvents, Duration maxWallTime)
            throws InterruptedException {
        return run(generator, maxEvents, maxWallTime, null);
    }

    /**
     * Like {@link #run(TrafficGenerator, long, Duration)}, but events older than {@code
     * maxStartLag} behind the wall clock when the first event is due are skipped (not sent, not
     * counted), so event time starts that close to the wall clock however long the generator's
     * warm-up took: at speed-up 1, freshness measured at the sinks is then the pipeline's own
     * latency plus at most {@code maxStartLag}.
     *
     * @param maxStartLag {@code null}: send everything from the configured start
     */
    public Summary run(
            TrafficGenerator generator, long maxEvents, Duration maxWallTime, Duration maxStartLag)
            throws InterruptedException {
        GeneratorConfig config = generator.config();
        long wallStart = System.nanoTime();
        long deadline = Long.MAX_VALUE;
        long nextProgress = wallStart + progressInterval.toNanos();
        Map<TopicKind, Long> counts = new EnumMap<>(TopicKind.class);
        long malformed = 0;
        long events = 0;
        int catalogLeft = generator.catalogRecordCount();
        long lastEventTime = config.startMillis();
        boolean warnedFuture = false;
        long paceOrigin = wallStart;
        long eventTimeOrigin = config.startMillis();
        long skipped = 0;
        Iterator<GeneratedRecord> records = generator;
        LOG.info(
                "Sending {} catalog records, then up to {} events to {}* at {}x event-time speed-up",
                catalogLeft,
                maxEvents,
                topics.prefix(),
                config.speedUp());
        while (records.hasNext()
                && events < maxEvents
                && System.nanoTime() < deadline
                && !stopRequested) {
            GeneratedRecord record = records.next();
            if (catalogLeft > 0) {
                catalogLeft--;
            } else {
                if (events == 0) {
                    if (maxStartLag != null
                            && record.eventTime()
                                    < System.currentTimeMillis() - maxStartLag.toMillis()) {
                        skipped++;
                        continue;
                    }
                    paceOrigin = System.nanoTime();
                    eventTimeOrigin = record.eventTime();
                    deadline = paceOrigin + maxWallTime.toNanos();
                    if (skipped > 0) {
                        LOG.info(
                                "Skipped {} events older than {} behind the wall clock",
                                skipped,
                                maxStartLag);
                    }
                }
                if (record.kind() != TopicKind.CATALOG) {
                    events++;
                    eventsSent.lazySet(events);
                }
                lastEventTime = record.eventTime();
                pace(paceOrigin, record.eventTime() - eventTimeOrigin, config.speedUp());
                if (!warnedFuture && record.eventTime() > System.currentTimeMillis()) {
                    warnedFuture = true;
                    LOG.warn(
                            "Event time {} passed the wall clock: decoders will reject these as FUTURE_EVENT_TIME; start earlier or lower the speed-up",
                            record.eventTime());
                }
            }
            send(record);
            counts.merge(record.kind(), 1L, Long::sum);
            malformed += record.isValid() ? 0 : 1;
            if (System.nanoTime() >= nextProgress) {
                nextProgress += progressInterval.toNanos();
                logProgress(wallStart, events, malformed, counts, lastEventTime);
            }
        }
        producer.flush();
        logProgress(wallStart, events, malformed, counts, lastEventTime);
        if (failures.get() > 0) {
            throw new IllegalStateException(
                    failures.get() + " records failed to send", firstFailure.get());
        }
        return new Summary(
                events,
                malformed,
                Map.copyOf(counts),
                lastEventTime,
                Duration.ofNanos(System.nanoTime() - wallStart));
    }

    /** Events (catalog excluded) sent so far by the run in progress or the last one. */
    public long eventsSent() {
        return eventsSent.get();
    }

    /**
     * Ends a {@link #run} in progress (from another thread) after the record it is sending; the run
     * flushes and returns its summary as if its wall time had passed.
     */
    public void stop() {
        stopRequested = true;
    }

    /**
     * What one run sent.
     *
     * @param events events sent (catalog excluded)
     * @param malformed deliberately malformed records among all sent
     * @param perTopic records per topic (catalog included)
     * @param lastEventTime event time of the last event sent, epoch ms
     * @param elapsed wall time of the run
     */
    public record Summary(
            long events,
            long malformed,
            Map<TopicKind, Long> perTopic,
            long lastEventTime,
            Duration elapsed) {}

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }

    /**
     * The Kafka record of {@code record} on its topic among {@code topics}: the key as UTF-8 and
     * the event time as the Kafka timestamp, as this writer sends it (tests send the same).
     */
    public static ProducerRecord<byte[], byte[]> producerRecord(
            Topics topics, GeneratedRecord record) {
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(
                topics.of(record.kind()), null, record.eventTime(), key, record.value());
    }

    /** {@link #producerRecord} of each of {@code records}, in order. */
    public static List<ProducerRecord<byte[], byte[]>> producerRecords(
            Topics topics, List<GeneratedRecord> records) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(records.size());
        for (GeneratedRecord record : records) {
            out.add(producerRecord(topics, record));
        }
        return out;
    }

    private void send(GeneratedRecord record) {
        producer.send(producerRecord(topics, record), callback);
    }

    private static void pace(long wallStartNanos, long eventTimeOffsetMs, double speedUp)
            throws InterruptedException {
        long dueNanos = wallStartNanos + (long) (eventTimeOffsetMs * 1_000_000.0 / speedUp);
        long waitNanos = dueNanos - System.nanoTime();
        if (waitNanos > 1_000_000) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }

    private void logProgress(
            long wallStart,
            long events,
            long malformed,
            Map<TopicKind, Long> counts,
            long lastEventTime) {
        double seconds = Math.max(1e-3, (System.nanoTime() - wallStart) / 1e9);
        LOG.info(
                "Sent {} events in {} s ({} events/s), {} malformed, per topic {}, event time {}, send failures {}",
                events,
                String.format("%.1f", seconds),
                String.format("%.0f", events / seconds),
                malformed,
                counts,
                java.time.Instant.ofEpochMilli(lastEventTime),
                failures.get());
    }

    /** Counts failed sends; logs the first few distinct errors with their topic. */
    private final class FailureCounter implements Callback {
        private final java.util.Set<String> logged =
                java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception == null) {
                return;
            }
            failures.incrementAndGet();
            firstFailure.compareAndSet(null, exception);
            String topic = metadata == null ? "?" : metadata.topic();
            if (logged.size() < MAX_LOGGED_ERRORS && logged.add(topic + exception.getClass())) {
                LOG.warn("Send to {} failed: {}", topic, exception.toString());
            }
        }
    }
}
