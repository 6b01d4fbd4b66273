/**
 * QoE's math, without Flink: a playback session's steps, previews and summary, CMCD request tracks,
 * and the cohort alert rules. The Flink functions in the package above only feed it.
 *
 * <p>The value types that previous releases' savepoints name ({@code HoltBaseline}, {@code
 * LogHistogramSketch}, {@code MetricTrack}, {@code CohortAccumulator}, {@code
 * PlaybackSessionState}, {@code PlaybackSample}, {@code CmcdSignals}, {@code StallsSignalledAhead})
 * stay in {@code io.reelstream.udfs.qoe}: a savepoint restores them by class name ({@code
 * SavepointClassNamesTest}).
 */
package io.reelstream.udfs.qoe.model;
