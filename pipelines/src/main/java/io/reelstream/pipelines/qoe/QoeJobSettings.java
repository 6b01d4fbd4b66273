package io.reelstream.pipelines.qoe;

import io.reelstream.udfs.ingest.IngestSettings;
import io.reelstream.udfs.qoe.model.AnomalySettings;

import java.io.Serializable;
import java.time.Duration;

/**
 * The playback quality (QoE) job's settings, parsed from {@link QoeOptions}.
 *
 * @param settleDelay how long a steady live sample may wait for the next sample of its playback to
 *     settle it
 * @param anomaly how the cohort anomaly detectors learn and alert
 */
public record QoeJobSettings(
        String qoeTopic,
        String cmcdTopic,
        String sessionsTopic,
        String stallsTopic,
        String alertsTopic,
        String deadLetterTopic,
        Duration stallThreshold,
        Duration inactivityTimeout,
        Duration stallLiveHorizon,
        Duration settleDelay,
        Duration cohortWindow,
        AnomalySettings anomaly,
        IngestSettings ingest)
        implements Serializable {}
