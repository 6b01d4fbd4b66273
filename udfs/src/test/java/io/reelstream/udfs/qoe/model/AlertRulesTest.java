package io.reelstream.udfs.qoe.model;

import io.reelstream.schemas.qoe.AlertState;
import io.reelstream.schemas.qoe.QoeAlert;
import io.reelstream.schemas.qoe.QoeMetric;
import io.reelstream.udfs.qoe.HoltBaseline;
import io.reelstream.udfs.qoe.MetricTrack;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

public class AlertRulesTest {

    public static final AnomalySettings SETTINGS =
            new AnomalySettings(0.3, 0.05, 4.0, 5, 20, 2, 3_600_000);
    private static final long MINUTE = 60_000;

    private final AlertRules rules = new AlertRules(SETTINGS);

    @Test
    void shouldOpenOnceWhileDegradedAndResolveAfterTwoHealthyWindows() {
        MetricTrack track = new MetricTrack();
        Random random = new Random(5);
        List<QoeAlert> alerts = new ArrayList<>();
        for (int w = 0; w < 60; w++) {
            boolean degraded = w >= 30 && w < 35;
            double value = (degraded ? 0.15 : 0.01) + 0.003 * random.nextGaussian();
            rules.evaluate(track, "cdn=a", QoeMetric.REBUFFER_RATIO, w * MINUTE, value, 100)
                    .ifPresent(alerts::add);
        }

        assertThat(alerts)
                .extracting(QoeAlert::state)
                .containsExactly(AlertState.OPEN, AlertState.RESOLVED);
        QoeAlert open = alerts.get(0);
        QoeAlert resolved = alerts.get(1);
        assertThat(open.openedAt()).isEqualTo(30 * MINUTE);
        assertThat(open.alertId()).isEqualTo("cdn=a/REBUFFER_RATIO/" + 30 * MINUTE);
        assertThat(open.value()).isGreaterThan(open.baseline() + open.band());
        assertThat(open.resolvedAt()).isNull();
        assertThat(resolved.alertId()).isEqualTo(open.alertId());
        assertThat(resolved.resolvedAt()).isEqualTo(36 * MINUTE);
        assertThat(track.open).isFalse();
    }

    @Test
    void shouldNotAlertOnLongHealthyNoiseOrDuringWarmup() {
        Random random = new Random(9);
        int falseAlerts = 0;
        for (int cohort = 0; cohort < 50; cohort++) {
            MetricTrack track = new MetricTrack();
            for (int w = 0; w < 200; w++) {
                double value = Math.max(0, 0.02 + 0.004 * random.nextGaussian());
                if (w == 0) {
                    value = 0.5;
                }
                Optional<QoeAlert> alert =
                        rules.evaluate(
                                track,
                                "c" + cohort,
                                QoeMetric.REBUFFER_RATIO,
                                w * MINUTE,
                                value,
                                50);
                falseAlerts += alert.isPresent() ? 1 : 0;
            }
        }
        assertThat(falseAlerts).isZero();
    }

    @Test
    void shouldResolveOpenAlertWhenCohortGoesIdle() {
        MetricTrack track = new MetricTrack();
        for (int w = 0; w < 10; w++) {
            rules.evaluate(track, "cdn=a", QoeMetric.START_FAILURE_RATE, w * MINUTE, 0.01, 40);
        }
        assertThat(
                        rules.evaluate(
                                track, "cdn=a", QoeMetric.START_FAILURE_RATE, 10 * MINUTE, 0.5, 40))
                .isPresent();

        Optional<QoeAlert> resolved =
                rules.resolveIfOpen(track, "cdn=a", QoeMetric.START_FAILURE_RATE, 99 * MINUTE);

        assertThat(resolved).map(QoeAlert::state).contains(AlertState.RESOLVED);
        assertThat(rules.resolveIfOpen(track, "cdn=a", QoeMetric.START_FAILURE_RATE, 100 * MINUTE))
                .isEmpty();
    }

    @Test
    void shouldTrackLinearTrendWithoutAlerting() {
        HoltBaseline baseline = new HoltBaseline();
        for (int i = 0; i < 50; i++) {
            baseline.update(1_000 + 10 * i, 0.3, 0.3);
        }
        assertThat(baseline.forecast()).isBetween(1_495.0, 1_505.0);
        assertThat(baseline.deviation()).isLessThan(5.0);
    }
}
