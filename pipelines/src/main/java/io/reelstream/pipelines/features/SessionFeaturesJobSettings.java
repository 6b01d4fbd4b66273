package io.reelstream.pipelines.features;

import io.reelstream.udfs.ingest.IngestSettings;

import java.io.Serializable;
import java.time.Duration;

/** The session features job's settings, parsed from {@link SessionFeaturesOptions}. */
public record SessionFeaturesJobSettings(
        String playbackTopic,
        String searchTopic,
        String catalogTopic,
        String outputTopic,
        String deadLetterTopic,
        Duration allowedLateness,
        Duration emitDebounce,
        IngestSettings ingest)
        implements Serializable {}
