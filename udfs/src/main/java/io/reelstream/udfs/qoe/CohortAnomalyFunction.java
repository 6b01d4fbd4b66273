package io.reelstream.udfs.qoe;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.Optional;

/**
 * Per cohort, learns a baseline for each {@link QoeMetric} from its window metrics and emits alert
 * transitions ({@link AlertRules}). Windows with fewer than the minimum sessions are ignored. A
 * cohort idle for the timeout resolves its open alerts and drops all its state.
 */
public class CohortAnomalyFunction extends KeyedProcessFunction<String, CohortMetrics, QoeAlert> {

    private static final long serialVersionUID = 1L;

    private final AnomalySettings settings;
    private final AlertRules rules;

    private transient MapState<String, MetricTrack> tracks;
    private transient ValueState<Long> lastWindowEnd;
    private transient Counter alertsOpened;
    private transient Counter sparseWindows;

    public CohortAnomalyFunction(AnomalySettings settings) {
        this.settings = settings;
        this.rules = new AlertRules(settings);
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
            Double value = metric.valueOf(window);
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
                emit(alert.get(), out);
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
                    emit(alert.get(), out);
                }
            }
        }
        tracks.clear();
        lastWindowEnd.clear();
    }

    private void emit(QoeAlert alert, Collector<QoeAlert> out) {
        if (alert.state() == AlertState.OPEN) {
            alertsOpened.inc();
        }
        out.collect(alert);
    }
}
