package io.reelstream.udfs.qoe;

/**
 * One finished playback's contribution to one cohort: what the cohort aggregation needs of a {@link
 * SessionSummary}, keyed by {@code cohort} (e.g. {@code cdn=cdn-a}).
 *
 * @param startupMs startup time, {@code null} if the playback never started
 */
public record CohortSample(
        String cohort,
        long endTime,
        boolean startFailure,
        boolean exitBeforeStart,
        Long startupMs,
        long rebufferMs,
        long playMs) {}
