package io.reelstream.pipelines.recs;

import io.reelstream.udfs.ingest.IngestSettings;
import io.reelstream.udfs.recs.model.RecsSettings;

import java.io.Serializable;
import java.time.Duration;

/**
 * The recommendation job's settings, parsed from {@link RecsOptions}.
 *
 * @param settings the model and serving settings of the learning functions
 * @param itemFactorsWriteInterval coalescing window of the Cassandra item_factors sink
 * @param similarTitlesWriteInterval coalescing window of the Cassandra similar_titles sink
 */
public record RecsJobSettings(
        String playbackTopic,
        String catalogTopic,
        String itemFactorsTopic,
        String deadLetterTopic,
        RecsSettings settings,
        Duration itemFactorsWriteInterval,
        Duration similarTitlesWriteInterval,
        IngestSettings ingest)
        implements Serializable {}
