package io.reelstream.benchmarks.engine;

import io.reelstream.pipelines.PipelineDefinition;
import io.reelstream.pipelines.continuewatching.ContinueWatchingJob;
import io.reelstream.pipelines.continuewatching.ContinueWatchingOptions;
import io.reelstream.pipelines.features.SessionFeaturesJob;
import io.reelstream.pipelines.features.SessionFeaturesOptions;
import io.reelstream.pipelines.qoe.QoeJob;
import io.reelstream.pipelines.qoe.QoeOptions;
import io.reelstream.pipelines.recs.RecsJob;
import io.reelstream.pipelines.recs.RecsOptions;

import java.util.List;
import java.util.Optional;

/**
 * A job the engine benchmark runs on the backlog: its short name, dashboard name, graph and the
 * backlog topics it reads (its options' defaults), which decide when it has caught up.
 */
public record BenchJob(
        String name, String jobName, PipelineDefinition.Graph graph, List<String> topics) {

    public static final String PASSTHROUGH = PassThroughJob.NAME;

    /** The baseline, then the four jobs in the order of the last output line. */
    public static List<BenchJob> all() {
        return List.of(
                new BenchJob(
                        PassThroughJob.NAME,
                        PassThroughJob.JOB_NAME,
                        PassThroughJob::build,
                        PassThroughJob.TOPICS),
                of(
                        SessionFeaturesJob.definition(),
                        SessionFeaturesOptions.PLAYBACK_TOPIC.defaultValue(),
                        SessionFeaturesOptions.SEARCH_TOPIC.defaultValue(),
                        SessionFeaturesOptions.CATALOG_TOPIC.defaultValue()),
                of(
                        ContinueWatchingJob.definition(),
                        ContinueWatchingOptions.PLAYBACK_TOPIC.defaultValue(),
                        ContinueWatchingOptions.CATALOG_TOPIC.defaultValue()),
                of(
                        RecsJob.definition(),
                        RecsOptions.PLAYBACK_TOPIC.defaultValue(),
                        RecsOptions.CATALOG_TOPIC.defaultValue()),
                of(
                        QoeJob.definition(),
                        QoeOptions.QOE_TOPIC.defaultValue(),
                        QoeOptions.CMCD_TOPIC.defaultValue()));
    }

    /** The job with this short name. */
    public static Optional<BenchJob> named(String name) {
        return all().stream().filter(j -> j.name().equals(name)).findFirst();
    }

    private static BenchJob of(PipelineDefinition definition, String... topics) {
        return new BenchJob(
                definition.name(), definition.jobName(), definition.graph(), List.of(topics));
    }
}
