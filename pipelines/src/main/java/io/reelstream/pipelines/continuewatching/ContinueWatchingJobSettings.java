package io.reelstream.pipelines.continuewatching;

import io.reelstream.udfs.continuewatching.model.ContinueWatchingSettings;
import io.reelstream.udfs.ingest.IngestSettings;

import java.io.Serializable;

/**
 * The continue-watching job's settings, parsed from {@link ContinueWatchingOptions}.
 *
 * @param settings how rows are kept (the function's own settings)
 * @param writeAhead whether rows are written as events arrive, before the watermark passes them
 * @param settleDelayMs how long waiting events may stay unsettled when no event of the member
 *     follows (write-ahead only)
 */
public record ContinueWatchingJobSettings(
        String playbackTopic,
        String catalogTopic,
        String deadLetterTopic,
        ContinueWatchingSettings settings,
        boolean writeAhead,
        long settleDelayMs,
        IngestSettings ingest)
        implements Serializable {}
