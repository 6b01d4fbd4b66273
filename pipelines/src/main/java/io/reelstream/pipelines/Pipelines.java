package io.reelstream.pipelines;

import io.reelstream.pipelines.continuewatching.ContinueWatchingJob;
import io.reelstream.pipelines.features.SessionFeaturesJob;
import io.reelstream.pipelines.qoe.QoeJob;
import io.reelstream.pipelines.recs.RecsJob;

import java.util.List;
import java.util.Optional;

/** The catalog of every Reelstream job, used by {@code reelstream run} and manifest tests. */
public final class Pipelines {

    private static final List<PipelineDefinition> ALL =
            List.of(
                    SessionFeaturesJob.definition(),
                    ContinueWatchingJob.definition(),
                    QoeJob.definition(),
                    RecsJob.definition());

    private Pipelines() {}

    /** Every job, in start order. */
    public static List<PipelineDefinition> all() {
        return ALL;
    }

    /** The job with this short name. */
    public static Optional<PipelineDefinition> named(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
