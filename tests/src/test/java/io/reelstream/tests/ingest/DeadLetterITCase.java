package io.reelstream.tests.ingest;

import io.reelstream.pipelines.common.Ingest;
import io.reelstream.pipelines.common.Ingested;
import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.schemas.json.DecodeLimits;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.schemas.json.JsonEncoder;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.udfs.ingest.DeadLetterRecordSchema;
import io.reelstream.udfs.ingest.EventTimeWatermarks;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.ingest.IngestSettings;
import io.reelstream.udfs.ingest.KafkaSinks;
import io.reelstream.udfs.ingest.RawRecordSchema;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation's promise on real Kafka (and a MiniCluster at parallelism 2): valid events arrive
 * decoded, every malformed record lands in the dead-letter topic with the right reason and its
 * origin, and nothing else is lost.
 */
class DeadLetterITCase {

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    private static final int VALID = 200;
    private static final int MAX_RECORD_BYTES = 4096;

    @Test
    void validEventsArriveDecodedAndEveryMalformedOneIsDeadLetteredWithItsReason()
            throws Exception {
        String prefix = SERVICES.uniqueTopicPrefix();
        String input = SERVICES.createTopic(prefix + "playback", 3);
        String output = SERVICES.createTopic(prefix + "decoded", 2);
        String deadLetters = SERVICES.createTopic(prefix + "dead-letter", 2);

        long now = System.currentTimeMillis();
        JsonEncoder<PlaybackEvent> encoder = EventCodecs.playbackEncoder();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        Set<String> validIds = new HashSet<>();
        for (int i = 0; i < VALID; i++) {
            PlaybackEvent event = event("ok-" + i, now - 60_000 + i, 1_000L * i);
            validIds.add(event.eventId());
            records.add(record(input, event.userId(), encoder.encode(event)));
        }
        Map<String, RejectReason> malformed = malformedRecords(encoder, now);
        for (String payload : malformed.keySet()) {
            records.add(record(input, "u-bad", payload.getBytes(StandardCharsets.UTF_8)));
        }
        byte[] truncated = Arrays.copyOf(encoder.encode(event("trunc", now, 5)), 40);
        records.add(record(input, "u-bad", truncated));
        SERVICES.sendRecords(records);
        int expectedDeadLetters = malformed.size() + 1;

        runPipeline(input, output, deadLetters);

        List<ConsumerRecord<byte[], byte[]>> decoded =
                SERVICES.read(output, VALID, Duration.ofSeconds(60));
        Set<String> decodedIds = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : decoded) {
            DecodeResult<PlaybackEvent> back =
                    EventCodecs.playbackDecoder(DecodeLimits.defaults())
                            .decode(new RawRecord(output, 0, 0, 0, null, r.value()), now);
            assertThat(back).isInstanceOf(DecodeResult.Ok.class);
            decodedIds.add(((DecodeResult.Ok<PlaybackEvent>) back).value().eventId());
        }
        assertThat(decodedIds).as("every valid event, once").isEqualTo(validIds);
        assertThat(decoded).hasSize(VALID);

        List<ConsumerRecord<byte[], byte[]>> dead =
                SERVICES.read(deadLetters, expectedDeadLetters, Duration.ofSeconds(60));
        assertThat(dead).hasSize(expectedDeadLetters);
        Map<String, RejectReason> reasonByPayload = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            DeadLetter letter = decodeDeadLetter(r.value(), now);
            assertThat(letter.sourceTopic()).isEqualTo(input);
            assertThat(letter.sourcePartition()).isBetween(0, 2);
            assertThat(letter.sourceOffset()).isNotNegative();
            assertThat(letter.pipeline()).isEqualTo("ingest-check");
            byte[] original = Base64.getDecoder().decode(letter.payloadBase64());
            reasonByPayload.put(new String(original, StandardCharsets.UTF_8), letter.reason());
        }
        Map<String, RejectReason> expected = new HashMap<>(malformed);
        expected.put(new String(truncated, StandardCharsets.UTF_8), RejectReason.MALFORMED_JSON);
        assertThat(reasonByPayload).isEqualTo(expected);
    }

    private static void runPipeline(String input, String output, String deadLetters)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(IngestOptions.BOOTSTRAP_SERVERS, SERVICES.bootstrapServers());
        conf.setString(IngestOptions.MAX_RECORD_SIZE.key(), MAX_RECORD_BYTES + "b");
        IngestSettings options = IngestOptions.from(conf);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        KafkaSource<RawRecord> source =
                KafkaSource.<RawRecord>builder()
                        .setBootstrapServers(SERVICES.bootstrapServers())
                        .setTopics(input)
                        .setGroupId("dead-letter-itcase")
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setBounded(OffsetsInitializer.latest())
                        .setDeserializer(new RawRecordSchema())
                        .build();
        Ingested<PlaybackEvent> playback =
                Ingest.decode(
                        env,
                        source,
                        "playback",
                        EventCodecs.playbackDecoder(options.decodeLimits()),
                        EventTimeWatermarks.playback(options),
                        "ingest-check",
                        TypeInformation.of(PlaybackEvent.class));
        playback.events()
                .sinkTo(
                        KafkaSink.<PlaybackEvent>builder()
                                .setBootstrapServers(SERVICES.bootstrapServers())
                                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                                .setRecordSerializer(
                                        KafkaRecordSerializationSchema.<PlaybackEvent>builder()
                                                .setTopic(output)
                                                .setValueSerializationSchema(new PlaybackJson())
                                                .build())
                                .build())
                .uid("decoded-sink")
                .name("write decoded events");
        Ingest.writeDeadLetters(
                KafkaSinks.atLeastOnce(options, new DeadLetterRecordSchema(deadLetters)),
                List.of(playback));
        env.execute("dead-letter-itcase");
    }

    /** Each malformed payload and the reason it must be dead-lettered with. */
    private static Map<String, RejectReason> malformedRecords(
            JsonEncoder<PlaybackEvent> encoder, long now) {
        String valid = new String(encoder.encode(event("tmpl", now, 10)), StandardCharsets.UTF_8);
        Map<String, RejectReason> m = new HashMap<>();
        m.put("this is not json", RejectReason.MALFORMED_JSON);
        m.put(valid.replace("\"userId\":\"u-7\",", ""), RejectReason.MISSING_FIELD);
        m.put(valid.replace("\"HEARTBEAT\"", "\"REWIND\""), RejectReason.UNKNOWN_EVENT_TYPE);
        m.put(valid.replace("\"TV\"", "\"TOASTER\""), RejectReason.UNKNOWN_ENUM_VALUE);
        m.put(valid.replace("\"positionMs\":10", "\"positionMs\":-10"), RejectReason.INVALID_VALUE);
        m.put(
                valid.replace("\"eventTime\":" + now, "\"eventTime\":" + (now + 86_400_000L)),
                RejectReason.FUTURE_EVENT_TIME);
        m.put(valid.replace("\"v\":1", "\"v\":99"), RejectReason.UNSUPPORTED_VERSION);
        m.put(
                valid.replace(
                        "\"country\":\"US\"",
                        "\"country\":\"" + "X".repeat(MAX_RECORD_BYTES) + "\""),
                RejectReason.OVERSIZED);
        for (String payload : m.keySet()) {
            assertThat(payload)
                    .as("fixture must differ from the valid template")
                    .isNotEqualTo(valid);
        }
        return m;
    }

    private static PlaybackEvent event(String id, long eventTime, long positionMs) {
        return new PlaybackEvent(
                PlaybackEvent.CURRENT_VERSION,
                id,
                PlaybackEventType.HEARTBEAT,
                eventTime,
                "u-7",
                null,
                DeviceType.TV,
                "US",
                "t-1",
                "p-1",
                positionMs,
                3_600_000L,
                null);
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
    }

    private static DeadLetter decodeDeadLetter(byte[] value, long now) {
        DecodeResult<DeadLetter> result =
                EventCodecs.deadLetterDecoder(DecodeLimits.defaults())
                        .decode(new RawRecord("dlq", 0, 0, 0, null, value), now);
        assertThat(result).isInstanceOf(DecodeResult.Ok.class);
        return ((DecodeResult.Ok<DeadLetter>) result).value();
    }

    /** Re-encodes decoded events as JSON for the output topic. */
    private static final class PlaybackJson implements SerializationSchema<PlaybackEvent> {
        @Override
        public byte[] serialize(PlaybackEvent element) {
            return EventCodecs.playbackEncoder().encode(element);
        }
    }
}
