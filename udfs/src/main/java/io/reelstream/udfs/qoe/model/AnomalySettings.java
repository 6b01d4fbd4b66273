package io.reelstream.udfs.qoe.model;

import java.io.Serializable;

/**
 * Tuning of cohort anomaly detection (filled from the job's typed options).
 *
 * @param levelSmoothing Holt alpha
 * @param trendSmoothing Holt beta
 * @param bandSigmas a value more than this many deviations above the forecast is anomalous
 * @param warmupWindows windows learned before a cohort metric may alert
 * @param minSessions windows with fewer sessions are neither evaluated nor learned
 * @param resolveAfterHealthyWindows consecutive healthy windows that resolve an open alert
 * @param idleTimeoutMs a cohort without windows this long (event time) forgets its baseline and
 *     resolves its open alerts
 */
public record AnomalySettings(
        double levelSmoothing,
        double trendSmoothing,
        double bandSigmas,
        int warmupWindows,
        long minSessions,
        int resolveAfterHealthyWindows,
        long idleTimeoutMs)
        implements Serializable {}
