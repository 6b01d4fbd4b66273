package io.reelstream.pipelines.recs;

import io.reelstream.udfs.ingest.IngestSettings;
import io.reelstream.udfs.recs.model.RecsSettings;

import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;

/**
 * The recommendation job's settings, parsed from {@link RecsOptions}.
 *
 * @param settings the model and serving settings of the learning functions
 * @param itemFactorsWriteInterval a show's factors reach Cassandra item_factors at most once per
 *     this interval (throttled in keyed state)
 * @param similarTitlesWriteInterval coalescing window of the Cassandra similar_titles sink
 * @param rankerModelsTopic compacted topic of ranker models
 * @param candidatesPerSource candidates each source proposes per decision
 * @param trainingLog the training log, or null when none is written
 */
public record RecsJobSettings(
        String playbackTopic,
        String catalogTopic,
        String itemFactorsTopic,
        String deadLetterTopic,
        RecsSettings settings,
        Duration itemFactorsWriteInterval,
        Duration similarTitlesWriteInterval,
        String rankerModelsTopic,
        int candidatesPerSource,
        TrainingLogSettings trainingLog,
        IngestSettings ingest)
        implements Serializable {

    /** The training log, if one is written. */
    public Optional<TrainingLogSettings> trainingLogIfSet() {
        return Optional.ofNullable(trainingLog);
    }
}
