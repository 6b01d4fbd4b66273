package io.reelstream.tests.ingest;

import io.reelstream.pipelines.common.Ingest;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.ingest.IngestSettings;
import io.reelstream.udfs.ingest.RawRecordSchema;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backlog whose partitions are hours apart in event time, read by two source subtasks that each
 * interleave two partitions: no event may arrive behind the watermark, because watermarks are kept
 * per partition ({@code EventTimeDecodeOperator}). With one watermark per subtask (before session
 * 18) the partition ahead set the watermark and the other partition's events were late.
 */
class PartitionWatermarksITCase {

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    private static final int PARTITIONS = 4;
    private static final int EVENTS_PER_PARTITION = 5_000;
    private static final int FIRST_PART = 500;
    private static final long HOUR = 3_600_000L;

    @Test
    void noEventOfAPartitionBehindTheOthersArrivesBehindTheWatermark() throws Exception {
        String topic = SERVICES.createTopic(SERVICES.uniqueTopicPrefix() + "playback", PARTITIONS);
        long start = System.currentTimeMillis() - 48 * HOUR;
        List<long[]> seen = new ArrayList<>(); // {event time, watermark when it arrived}
        try (CloseableIterator<long[]> it = pipeline(topic).executeAndCollect("watermarks")) {
            // A first part, then a pause past the start-up delay: the watermark has started
            // before the rest arrives, however fast this machine reads it.
            SERVICES.sendRecords(records(topic, start, 0, FIRST_PART));
            collect(it, seen, PARTITIONS * FIRST_PART);
            Thread.sleep(1_000);
            SERVICES.sendRecords(records(topic, start, FIRST_PART, EVENTS_PER_PARTITION));
            collect(it, seen, PARTITIONS * EVENTS_PER_PARTITION);
        }

        List<long[]> late = seen.stream().filter(e -> e[0] <= e[1]).toList();
        assertThat(late).as("events that arrived behind the watermark").isEmpty();
        long highestWatermark = seen.stream().mapToLong(e -> e[1]).max().orElseThrow();
        assertThat(highestWatermark)
                .as("the watermark moved while the backlog was read")
                .isGreaterThan(start + 10 * 60_000L);
    }

    /** Events {@code from} until {@code to} of every partition, interleaved as produced. */
    private static List<ProducerRecord<byte[], byte[]>> records(
            String topic, long start, int from, int to) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            for (int p = 0; p < PARTITIONS; p++) {
                long eventTime = start + p * 6 * HOUR + i * 1_000L; // in order within a partition
                PlaybackEvent event = event("p" + p + "-" + i, "u-" + p, eventTime);
                records.add(
                        new ProducerRecord<>(
                                topic,
                                p,
                                event.userId().getBytes(StandardCharsets.UTF_8),
                                EventCodecs.playbackEncoder().encode(event)));
            }
        }
        return records;
    }

    private static void collect(CloseableIterator<long[]> it, List<long[]> seen, int until) {
        while (seen.size() < until) {
            assertThat(it.hasNext()).as("the job keeps running").isTrue();
            seen.add(it.next());
        }
    }

    private static org.apache.flink.streaming.api.datastream.DataStream<long[]> pipeline(
            String topic) {
        Configuration conf = new Configuration();
        conf.set(IngestOptions.BOOTSTRAP_SERVERS, SERVICES.bootstrapServers());
        // short enough that the watermark moves while this small backlog is read
        conf.set(IngestOptions.STARTUP_DELAY, Duration.ofMillis(300));
        IngestSettings ingest = IngestOptions.from(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.getConfig().setAutoWatermarkInterval(5);
        KafkaSource<RawRecord> source =
                KafkaSource.<RawRecord>builder()
                        .setBootstrapServers(SERVICES.bootstrapServers())
                        .setTopics(topic)
                        .setGroupId("partition-watermarks-itcase")
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setDeserializer(new RawRecordSchema())
                        // small fetches, so each subtask switches between its partitions often
                        .setProperty("max.partition.fetch.bytes", "8192")
                        .build();
        return Ingest.playback(env, source, ingest, "watermarks-check")
                .events()
                .process(new EventTimeAndWatermark())
                .uid("observe")
                .name("observe event time and watermark");
    }

    private static PlaybackEvent event(String id, String userId, long eventTime) {
        return new PlaybackEvent(
                PlaybackEvent.CURRENT_VERSION,
                id,
                PlaybackEventType.HEARTBEAT,
                eventTime,
                userId,
                null,
                DeviceType.TV,
                "US",
                "t-1",
                "pb-" + userId,
                60_000L,
                3_600_000L,
                null);
    }

    /** Each event's timestamp beside the watermark the operator had when the event arrived. */
    private static final class EventTimeAndWatermark
            extends ProcessFunction<PlaybackEvent, long[]> {
        @Override
        public void processElement(PlaybackEvent event, Context ctx, Collector<long[]> out) {
            out.collect(new long[] {ctx.timestamp(), ctx.timerService().currentWatermark()});
        }
    }
}
