package io.reelstream.pipelines.common;

import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.decode.RawRecord;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestTest {

    @Test
    void shouldGiveEveryOperatorAStableUidAndReadableName() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Ingested<Long> playback = ingest(env, "playback");
        Ingested<Long> qoe = ingest(env, "qoe");
        playback.events().sinkTo(new CollectingSink<>()).uid("events-sink").name("events");
        Ingest.writeDeadLetters(new CollectingSink<DeadLetter>(), List.of(playback, qoe));

        StreamGraph graph = env.getStreamGraph();
        Map<String, String> nameByUid =
                graph.getStreamNodes().stream()
                        .filter(node -> node.getTransformationUID() != null)
                        .collect(
                                Collectors.toMap(
                                        StreamNode::getTransformationUID,
                                        StreamNode::getOperatorName));

        assertThat(nameByUid)
                .containsEntry("source-playback", "Source: read playback")
                .containsEntry("decode-playback", "decode playback")
                .containsEntry("source-qoe", "Source: read qoe")
                .containsEntry("decode-qoe", "decode qoe")
                .doesNotContainKeys("watermarks-playback", "watermarks-qoe");
        assertThat(nameByUid.keySet()).contains(Ingest.DEAD_LETTER_SINK_UID);
        assertThat(nameByUid.get(Ingest.DEAD_LETTER_SINK_UID))
                .contains(Ingest.DEAD_LETTER_SINK_NAME);
        assertThat(graph.getStreamNodes())
                .allSatisfy(node -> assertThat(node.getTransformationUID()).isNotNull());
    }

    @Test
    void shouldRefuseSourceNamesThatMakePoorUids() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        assertThatThrownBy(() -> ingest(env, "Play Back"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAnEmptyListOfDeadLetterStreams() {
        assertThatThrownBy(() -> Ingest.writeDeadLetterStreams(new CollectingSink<>(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Ingested<Long> ingest(StreamExecutionEnvironment env, String name) {
        return Ingest.decode(
                env,
                new DataGeneratorSource<>(
                        new NumberedRawRecords(), 10, TypeInformation.of(RawRecord.class)),
                name,
                new EpochTextDecoder(),
                WatermarkStrategy.<Long>forMonotonousTimestamps()
                        .withTimestampAssigner(new ValueAsTimestamp()),
                "test-pipeline",
                Types.LONG);
    }
}
