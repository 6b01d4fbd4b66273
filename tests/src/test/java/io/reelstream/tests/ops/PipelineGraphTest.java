package io.reelstream.tests.ops;

import io.reelstream.pipelines.PipelineDefinition;
import io.reelstream.pipelines.Pipelines;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds every production job graph (nothing is executed or connected) and checks what operators
 * and upgrades rely on: each operator has a stable, unique uid (savepoints map state by uid) and a
 * readable name (the dashboard reads like the architecture).
 */
class PipelineGraphTest {

    /** Names Flink gives operators nobody named. */
    private static final Pattern DEFAULT_NAME =
            Pattern.compile(
                    "(Source: )?(Custom Source|Map|Filter|Flat Map|Process|KeyedProcess|"
                            + "CoProcess|KeyedCoProcess|Co-Process-Broadcast(-Keyed)?|Timestamps/Watermarks|"
                            + "Sink: Unnamed|Unnamed|Writer|Committer)");

    static List<PipelineDefinition> pipelines() {
        return Pipelines.all();
    }

    @Test
    void catalogListsEveryJobOnceWithItsEntryClass() throws Exception {
        assertThat(Pipelines.all()).hasSize(4);
        Set<String> names = new HashSet<>();
        for (PipelineDefinition p : Pipelines.all()) {
            assertThat(names.add(p.name())).as("unique name %s", p.name()).isTrue();
            assertThat(p.entryClass().getMethod("main", String[].class)).isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource("pipelines")
    void everyOperatorHasAStableUniqueUidAndAReadableName(PipelineDefinition pipeline) {
        StreamGraph graph = productionGraph(pipeline);
        List<String> problems = new ArrayList<>();
        Set<String> uids = new HashSet<>();
        for (StreamNode node : graph.getStreamNodes()) {
            String uid = node.getTransformationUID();
            String name = node.getOperatorName();
            if (uid == null || uid.isBlank()) {
                problems.add("no uid: " + name);
            } else if (!uids.add(uid)) {
                problems.add("duplicate uid: " + uid);
            }
            if (name == null || DEFAULT_NAME.matcher(name).matches()) {
                problems.add("default name: " + name + " (uid " + uid + ")");
            }
        }
        assertThat(graph.getStreamNodes()).as("operators of %s", pipeline.name()).isNotEmpty();
        assertThat(problems).as("graph of %s", pipeline.name()).isEmpty();
    }

    static StreamGraph productionGraph(PipelineDefinition pipeline) {
        Configuration conf = new Configuration();
        conf.setString("reelstream.kafka.bootstrap-servers", "localhost:1");
        conf.setString("reelstream.cassandra.contact-points", "localhost:1");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        pipeline.graph().build(conf, env);
        return env.getStreamGraph();
    }
}
