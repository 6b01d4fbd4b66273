package io.reelstream.pipelines.common;

import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.deadletter.DeadLetters;
import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.RawRecord;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class IngestITCase {

    private static final int RECORDS = 200;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @Test
    void shouldSplitValidEventsFromDeadLettersAndTimestampOnlyValidOnes() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        CollectingSink<long[]> events = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();

        Ingested<Long> ingested = ingest(env, "numbers");
        ingested.events()
                .process(new TimestampAndWatermark())
                .uid("observe")
                .name("observe")
                .sinkTo(events)
                .uid("events-sink")
                .name("events");
        Ingest.writeDeadLetters(deadLetters, List.of(ingested, ingest(env, "more-numbers")));
        env.execute("ingest-itcase");

        List<Long> expectedValid =
                LongStream.range(0, RECORDS)
                        .filter(i -> !NumberedRawRecords.isGarbage(i))
                        .filter(i -> !NumberedRawRecords.isFuture(i))
                        .map(i -> i * 1000)
                        .boxed()
                        .toList();
        List<long[]> seen = events.collected();
        assertThat(seen.stream().map(e -> e[0]).toList())
                .containsExactlyInAnyOrderElementsOf(expectedValid);
        assertThat(seen).allSatisfy(e -> assertThat(e[1]).isEqualTo(e[0]));
        assertThat(seen).allSatisfy(e -> assertThat(e[2]).isLessThan(EpochTextDecoder.MAX_VALID));

        long garbage = LongStream.range(0, RECORDS).filter(NumberedRawRecords::isGarbage).count();
        long future = LongStream.range(0, RECORDS).filter(NumberedRawRecords::isFuture).count();
        List<DeadLetter> rejected = deadLetters.collected();
        assertThat(
                        rejected.stream()
                                .collect(
                                        Collectors.groupingBy(
                                                DeadLetter::reason, Collectors.counting())))
                .containsEntry(RejectReason.MALFORMED_JSON, 2 * garbage)
                .containsEntry(RejectReason.FUTURE_EVENT_TIME, 2 * future)
                .hasSize(2);
        assertThat(rejected)
                .allSatisfy(
                        d -> {
                            assertThat(d.pipeline()).isEqualTo("test-pipeline");
                            assertThat(d.sourceTopic()).isEqualTo("test-topic");
                            String payload =
                                    new String(DeadLetters.payload(d), StandardCharsets.UTF_8);
                            assertThat(payload)
                                    .isEqualTo(
                                            new String(
                                                    new NumberedRawRecords()
                                                            .map(d.sourceOffset())
                                                            .value(),
                                                    StandardCharsets.UTF_8));
                        });
    }

    private static Ingested<Long> ingest(StreamExecutionEnvironment env, String name) {
        return Ingest.decode(
                env,
                new DataGeneratorSource<>(
                        new NumberedRawRecords(), RECORDS, TypeInformation.of(RawRecord.class)),
                name,
                new EpochTextDecoder(),
                WatermarkStrategy.<Long>forBoundedOutOfOrderness(Duration.ZERO)
                        .withTimestampAssigner(new ValueAsTimestamp()),
                "test-pipeline",
                Types.LONG);
    }
}
