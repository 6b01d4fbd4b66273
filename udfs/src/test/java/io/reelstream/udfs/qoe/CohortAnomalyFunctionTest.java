package io.reelstream.udfs.qoe;

import io.reelstream.schemas.qoe.AlertState;
import io.reelstream.schemas.qoe.QoeAlert;
import io.reelstream.schemas.qoe.QoeMetric;
import io.reelstream.udfs.qoe.model.AlertRulesTest;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CohortAnomalyFunctionTest {

    private static final long MINUTE = 60_000;
    private static final int MAX_PARALLELISM = 128;

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

    @Test
    void shouldGaugeOpenAlertsAcrossOpenResolveAndRestore() throws Exception {
        MeteredHarness first = MeteredHarness.open(1, 0, null);
        degrade(first.harness, "cdn=bad", 0);
        assertThat(first.openAlerts()).isEqualTo(1);
        degrade(first.harness, "isp=slow", 0);
        assertThat(first.openAlerts()).isEqualTo(2);
        OperatorSubtaskState snapshot = first.harness.snapshot(1L, 1L);
        first.harness.close();

        MeteredHarness restored = MeteredHarness.open(1, 0, snapshot);
        assertThat(restored.openAlerts()).isEqualTo(2);
        restored.harness.processWatermark(8 * MINUTE + AlertRulesTest.SETTINGS.idleTimeoutMs());
        assertThat(restored.harness.extractOutputValues())
                .extracting(QoeAlert::state)
                .containsExactly(AlertState.RESOLVED, AlertState.RESOLVED);
        assertThat(restored.openAlerts()).isZero();
        assertThat(restored.harness.numKeyedStateEntries()).isZero();
        restored.harness.close();
    }

    @Test
    void shouldGaugeOnlyTheOpenAlertsASubtaskOwnsAfterRescaling() throws Exception {
        MeteredHarness single = MeteredHarness.open(1, 0, null);
        degrade(single.harness, "cdn=bad", 0); // key group of subtask 1 of 2
        degrade(single.harness, "isp=slow", 0); // key group of subtask 0 of 2
        OperatorSubtaskState snapshot = single.harness.snapshot(1L, 1L);
        single.harness.close();

        for (int subtask = 0; subtask < 2; subtask++) {
            MeteredHarness scaled =
                    MeteredHarness.open(
                            2,
                            subtask,
                            AbstractStreamOperatorTestHarness.repartitionOperatorState(
                                    snapshot, MAX_PARALLELISM, 1, 2, subtask));
            assertThat(scaled.openAlerts()).as("subtask %d", subtask).isEqualTo(1);
            scaled.harness.processWatermark(8 * MINUTE + AlertRulesTest.SETTINGS.idleTimeoutMs());
            assertThat(scaled.harness.extractOutputValues()).hasSize(1);
            assertThat(scaled.openAlerts()).isZero();
            scaled.harness.close();
        }
    }

    /** Eight windows of one cohort, the last far above the learned baseline: one open alert. */
    private static void degrade(
            KeyedOneInputStreamOperatorTestHarness<String, CohortMetrics, QoeAlert> h,
            String cohort,
            int firstWindow)
            throws Exception {
        for (int w = firstWindow; w < firstWindow + 8; w++) {
            CohortMetrics metrics = window(cohort, w, w == firstWindow + 7 ? 0.3 : 0.01, 900.0, 40);
            h.processElement(metrics, metrics.windowEnd() - 1);
        }
    }

    /** A harness whose operator metrics can be read back. */
    private record MeteredHarness(
            KeyedOneInputStreamOperatorTestHarness<String, CohortMetrics, QoeAlert> harness,
            InterceptingOperatorMetricGroup metrics) {

        static MeteredHarness open(int parallelism, int subtask, OperatorSubtaskState restore)
                throws Exception {
            InterceptingOperatorMetricGroup operatorMetrics = new InterceptingOperatorMetricGroup();
            MockEnvironment environment =
                    new MockEnvironmentBuilder()
                            .setMaxParallelism(MAX_PARALLELISM)
                            .setParallelism(parallelism)
                            .setSubtaskIndex(subtask)
                            .setMetricGroup(
                                    new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                                        @Override
                                        public InternalOperatorMetricGroup getOrAddOperator(
                                                OperatorID id,
                                                String name,
                                                Map<String, String> info) {
                                            return operatorMetrics;
                                        }
                                    })
                            .build();
            KeyedOneInputStreamOperatorTestHarness<String, CohortMetrics, QoeAlert> h =
                    new KeyedOneInputStreamOperatorTestHarness<>(
                            new KeyedProcessOperator<>(
                                    new CohortAnomalyFunction(AlertRulesTest.SETTINGS)),
                            CohortMetrics::cohort,
                            Types.STRING,
                            environment);
            QoeFixtures.disableGenericTypes(h);
            if (restore != null) {
                h.initializeState(restore);
            }
            h.open();
            return new MeteredHarness(h, operatorMetrics);
        }

        @SuppressWarnings("unchecked")
        long openAlerts() {
            return ((Gauge<Long>) metrics.get("qoeOpenAlerts")).getValue();
        }
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
