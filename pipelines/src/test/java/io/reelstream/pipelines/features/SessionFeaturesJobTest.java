package io.reelstream.pipelines.features;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The production graph: stable operator ids, readable names, options parsed and checked. */
class SessionFeaturesJobTest {

    private static StreamGraph productionGraph() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        SessionFeaturesJob.fromConfiguration(new Configuration()).build(env);
        return env.getStreamGraph();
    }

    @Test
    void shouldGiveEveryUserOperatorAStableUid() {
        List<String> uids =
                productionGraph().getStreamNodes().stream()
                        .map(StreamNode::getTransformationUID)
                        .filter(uid -> uid != null)
                        .toList();

        assertThat(uids)
                .contains(
                        "source-playback",
                        "decode-search",
                        "decode-catalog",
                        SessionFeaturesJob.UID_PLAYBACK_ACTIVITIES,
                        SessionFeaturesJob.UID_SEARCH_ACTIVITIES,
                        SessionFeaturesJob.UID_CATALOG_GENRES,
                        SessionFeaturesJob.UID_FEATURES,
                        SessionFeaturesJob.UID_LATE_DEAD_LETTERS)
                .doesNotHaveDuplicates();
    }

    @Test
    void shouldNameTheFeatureOperatorsReadably() {
        List<String> names =
                productionGraph().getStreamNodes().stream()
                        .map(StreamNode::getOperatorName)
                        .toList();

        assertThat(String.join("|", names))
                .contains("sliced user windows")
                .contains("write user features")
                .contains("publish user features")
                .contains("late activities to dead letters");
    }

    @Test
    void shouldParseOptionsWithDefaultsAndRejectNegativeDurations() {
        SessionFeaturesJobSettings defaults = SessionFeaturesOptions.from(new Configuration());
        assertThat(defaults.emitDebounce()).isEqualTo(Duration.ofMillis(200));
        assertThat(defaults.allowedLateness()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.outputTopic()).isEqualTo("reelstream.user-features.v1");

        Configuration negative =
                Configuration.fromMap(Map.of("session-features.emit-debounce", "-1 s"));
        assertThatThrownBy(() -> SessionFeaturesOptions.from(negative))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("session-features.emit-debounce");
    }
}
