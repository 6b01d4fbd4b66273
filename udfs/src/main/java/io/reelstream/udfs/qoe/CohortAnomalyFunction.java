package io.reelstream.udfs.qoe;

import io.reelstream.schemas.qoe.AlertState;
import io.reelstream.schemas.qoe.QoeAlert;
import io.reelstream.schemas.qoe.QoeMetric;
import io.reelstream.udfs.qoe.model.AlertRules;
import io.reelstream.udfs.qoe.model.AnomalySettings;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.Optional;

/**
 * Per cohort, learns a baseline for each {@link QoeMetric} from its window metrics and emits alert
 * transitions ({@link AlertRules}). Windows with fewer than the minimum sessions are ignored. A
 * cohort idle for the timeout resolves its open alerts and drops all its state. The {@code
 * qoeOpenAlerts} gauge shows the alerts open in this subtask ({@link OpenAlertCounts}, kept exact
 * across restores and rescaling).
 */
public class CohortAnomalyFunction extends KeyedProcessFunction<String, CohortMetrics, QoeAlert>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    private final AnomalySettings settings;
    private final AlertRules rules;

    private transient MapState<String, MetricTrack> tracks;
    private transient ValueState<Long> lastWindowEnd;
    private transient Counter alertsOpened;
    private transient Counter sparseWindows;
    private transient OpenAlertCounts openAlerts;

    public CohortAnomalyFunction(AnomalySettings settings) {
        this.settings = settings;
        this.rules = new AlertRules(settings);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        RuntimeContext runtime = getRuntimeContext();
        openAlerts = new OpenAlertCounts(runtime.getTaskInfo().getMaxNumberOfParallelSubtasks());
        openAlerts.initialize(
                context.getOperatorStateStore(),
                context.isRestored(),
                runtime.getTaskInfo().getNumberOfParallelSubtasks(),
                runtime.getTaskInfo().getIndexOfThisSubtask());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        openAlerts.snapshot();
    }

    @Override
    public void open(OpenContext openContext) {
        tracks =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "qoe-metric-tracks",
                                        Types.STRING,
                                        TypeInformation.of(MetricTrack.class)));
        lastWindowEnd =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("qoe-last-window-end", Types.LONG));
        alertsOpened = getRuntimeContext().getMetricGroup().counter("qoeAlertsOpened");
        sparseWindows = getRuntimeContext().getMetricGroup().counter("qoeSparseCohortWindows");
        getRuntimeContext()
                .getMetricGroup()
                .gauge("qoeOpenAlerts", (Gauge<Long>) openAlerts::total);
    }

    @Override
    public void processElement(CohortMetrics window, Context ctx, Collector<QoeAlert> out)
            throws Exception {
        lastWindowEnd.update(window.windowEnd());
        ctx.timerService().registerEventTimeTimer(window.windowEnd() + settings.idleTimeoutMs());
        if (window.sessions() < settings.minSessions()) {
            sparseWindows.inc();
            return;
        }
        for (QoeMetric metric : QoeMetric.values()) {
            Double value = window.value(metric);
            if (value == null) {
                continue;
            }
            MetricTrack track = tracks.get(metric.name());
            track = track == null ? new MetricTrack() : track;
            Optional<QoeAlert> alert =
                    rules.evaluate(
                            track,
                            window.cohort(),
                            metric,
                            window.windowEnd(),
                            value,
                            window.sessions());
            tracks.put(metric.name(), track);
            if (alert.isPresent()) {
                emit(alert.get(), ctx.getCurrentKey(), out);
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<QoeAlert> out)
            throws Exception {
        Long last = lastWindowEnd.value();
        if (last == null || timestamp < last + settings.idleTimeoutMs()) {
            return;
        }
        for (QoeMetric metric : QoeMetric.values()) {
            MetricTrack track = tracks.get(metric.name());
            if (track != null) {
                Optional<QoeAlert> alert =
                        rules.resolveIfOpen(track, ctx.getCurrentKey(), metric, timestamp);
                if (alert.isPresent()) {
                    emit(alert.get(), ctx.getCurrentKey(), out);
                }
            }
        }
        tracks.clear();
        lastWindowEnd.clear();
    }

    private void emit(QoeAlert alert, String key, Collector<QoeAlert> out) {
        if (alert.state() == AlertState.OPEN) {
            alertsOpened.inc();
            openAlerts.opened(key);
        } else {
            openAlerts.resolved(key);
        }
        out.collect(alert);
    }
}
