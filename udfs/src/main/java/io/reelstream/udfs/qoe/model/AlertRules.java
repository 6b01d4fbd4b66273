package io.reelstream.udfs.qoe.model;

import io.reelstream.schemas.qoe.AlertState;
import io.reelstream.schemas.qoe.QoeAlert;
import io.reelstream.schemas.qoe.QoeMetric;
import io.reelstream.udfs.qoe.HoltBaseline;
import io.reelstream.udfs.qoe.MetricTrack;

import java.io.Serializable;
import java.util.Optional;

/**
 * Decides, per window, whether a cohort metric is far above its learned baseline and drives the
 * alert lifecycle: open once on the first anomalous window, stay quiet while it lasts, resolve
 * after N healthy windows. Anomalous values are not learned, so a degradation cannot become the
 * baseline.
 */
public final class AlertRules implements Serializable {

    private static final long serialVersionUID = 1L;

    private final AnomalySettings settings;

    public AlertRules(AnomalySettings settings) {
        this.settings = settings;
    }

    /** Evaluates one window's value and updates {@code track}; returns an alert transition. */
    public Optional<QoeAlert> evaluate(
            MetricTrack track,
            String cohort,
            QoeMetric metric,
            long windowEnd,
            double value,
            long sessions) {
        HoltBaseline baseline = track.baseline;
        double forecast = baseline.forecast();
        double band = Math.max(settings.bandSigmas() * baseline.deviation(), metric.minDeviation());
        boolean anomalous =
                baseline.observations >= settings.warmupWindows() && value > forecast + band;
        track.lastValue = value;
        track.lastForecast = forecast;
        track.lastBand = band;
        track.lastSessions = sessions;
        if (anomalous) {
            track.healthyWindows = 0;
            if (track.open) {
                return Optional.empty();
            }
            track.open = true;
            track.openedAt = windowEnd;
            track.alertId = cohort + "/" + metric.name() + "/" + windowEnd;
            return Optional.of(alert(track, cohort, metric, AlertState.OPEN, windowEnd));
        }
        baseline.update(value, settings.levelSmoothing(), settings.trendSmoothing());
        if (!track.open) {
            return Optional.empty();
        }
        track.healthyWindows++;
        if (track.healthyWindows < settings.resolveAfterHealthyWindows()) {
            return Optional.empty();
        }
        return Optional.of(resolve(track, cohort, metric, windowEnd));
    }

    /** Resolves an open alert unconditionally (cohort went idle); empty if none is open. */
    public Optional<QoeAlert> resolveIfOpen(
            MetricTrack track, String cohort, QoeMetric metric, long eventTime) {
        return track.open
                ? Optional.of(resolve(track, cohort, metric, eventTime))
                : Optional.empty();
    }

    private static QoeAlert resolve(
            MetricTrack track, String cohort, QoeMetric metric, long eventTime) {
        track.open = false;
        track.healthyWindows = 0;
        return alert(track, cohort, metric, AlertState.RESOLVED, eventTime);
    }

    private static QoeAlert alert(
            MetricTrack track, String cohort, QoeMetric metric, AlertState state, long eventTime) {
        return new QoeAlert(
                QoeAlert.CURRENT_VERSION,
                track.alertId,
                cohort,
                metric,
                state,
                track.openedAt,
                eventTime,
                state == AlertState.RESOLVED ? eventTime : null,
                track.lastValue,
                track.lastForecast,
                track.lastBand,
                track.lastSessions);
    }
}
