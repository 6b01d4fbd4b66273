package io.reelstream.udfs.qoe;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CohortAnomalyFunctionTest {

    private static final long MINUTE = 60_000;

    private KeyedOneInputStreamOperatorTestHarness<String, CohortMetrics, QoeAlert> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new CohortAnomalyFunction(AlertRulesTest.SETTINGS)),
                        CohortMetrics::cohort,
                        Types.STRING);
        QoeFixtures.disableGenericTypes(harness);
        harness.open();
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void shouldAlertOnlyTheDegradedCohortAndOnlyWithEnoughSessions() throws Exception {
        for (int w = 0; w < 20; w++) {
            boolean degraded = w >= 10 && w < 13;
            feed(window("cdn=bad", w, degraded ? 0.2 : 0.01, 1_000.0, 50));
            feed(window("cdn=good", w, 0.01 + 0.001 * (w % 3), 1_000.0 + 10 * (w % 2), 50));
            feed(window("cdn=tiny", w, w >= 10 ? 0.9 : 0.01, 1_000.0, 3));
        }
        List<QoeAlert> alerts = harness.extractOutputValues();

        assertThat(alerts)
                .extracting(
                        QoeAlert::cohort, QoeAlert::metric, QoeAlert::state, QoeAlert::eventTime)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "cdn=bad", QoeMetric.REBUFFER_RATIO, AlertState.OPEN, 11 * MINUTE),
                        org.assertj.core.groups.Tuple.tuple(
                                "cdn=bad",
                                QoeMetric.REBUFFER_RATIO,
                                AlertState.RESOLVED,
                                15 * MINUTE));
    }

    @Test
    void shouldResolveAndForgetIdleCohorts() throws Exception {
        for (int w = 0; w < 8; w++) {
            feed(window("cdn=bad", w, w == 7 ? 0.3 : 0.01, 900.0, 40));
        }
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processWatermark(8 * MINUTE + AlertRulesTest.SETTINGS.idleTimeoutMs());

        assertThat(harness.extractOutputValues())
                .extracting(QoeAlert::state)
                .containsExactly(AlertState.OPEN, AlertState.RESOLVED);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private void feed(CohortMetrics metrics) throws Exception {
        harness.processElement(metrics, metrics.windowEnd() - 1);
    }

    private static CohortMetrics window(
            String cohort, int w, double rebufferRatio, double startupP95, long sessions) {
        return new CohortMetrics(
                1,
                cohort,
                w * MINUTE,
                (w + 1) * MINUTE,
                sessions,
                sessions,
                0.0,
                rebufferRatio,
                startupP95 / 2,
                startupP95);
    }
}
