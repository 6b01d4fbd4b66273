package io.reelstream.udfs.recs;

import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.udfs.mf.EngagementRules;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Derives implicit feedback from one playback (keyed by playback id): tracks the furthest position
 * and completion, and when the playback stops, completes or goes quiet for the timeout (event
 * time), emits a {@link TitleInteraction} weighted by {@link EngagementRules}. State is kept one
 * more timeout after the end to swallow late duplicates, then cleared with its timer.
 *
 * <p>The allowed lateness is the timeout: an event of a playback with no state whose event time is
 * a timeout or more behind the watermark goes to {@link #TOO_LATE} instead. Its playback may have
 * been counted and cleared already (a late duplicate or straggler after a backlog), and would
 * otherwise be opened and counted again at once; a playback that timed out in event time is over.
 */
public class PlaybackEngagementFunction
        extends KeyedProcessFunction<String, PlaybackEvent, TitleInteraction> {

    private static final long serialVersionUID = 1L;

    /** Events beyond the allowed lateness (see the class comment), for the dead-letter topic. */
    public static final OutputTag<PlaybackEvent> TOO_LATE =
            new OutputTag<>("playback-events-too-late", TypeInformation.of(PlaybackEvent.class));

    private final EngagementRules rules;
    private final long timeoutMs;

    private transient ValueState<PlaybackEngagement> engagement;
    private transient Counter interactions;
    private transient Counter negatives;

    public PlaybackEngagementFunction(EngagementRules rules, long timeoutMs) {
        this.rules = rules;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public void open(OpenContext openContext) {
        engagement =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "playback-engagement",
                                        TypeInformation.of(PlaybackEngagement.class)));
        interactions =
                getRuntimeContext().getMetricGroup().addGroup("recs").counter("interactions");
        negatives = getRuntimeContext().getMetricGroup().addGroup("recs").counter("weakNegatives");
    }

    @Override
    public void processElement(PlaybackEvent event, Context ctx, Collector<TitleInteraction> out)
            throws Exception {
        PlaybackEngagement current = engagement.value();
        if (current == null
                && event.eventTime() + timeoutMs <= ctx.timerService().currentWatermark()) {
            ctx.output(TOO_LATE, event);
            return;
        }
        if (current != null && current.finished()) {
            return;
        }
        PlaybackEngagement next = advance(current, event);
        boolean ends =
                event.type() == PlaybackEventType.STOP
                        || event.type() == PlaybackEventType.COMPLETE;
        if (ends) {
            emit(next, out);
            next = finished(next);
        }
        reschedule(current, next, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TitleInteraction> out)
            throws Exception {
        PlaybackEngagement current = engagement.value();
        if (current == null || current.timer() != timestamp) {
            return;
        }
        if (current.finished()) {
            engagement.clear();
            return;
        }
        emit(current, out);
        PlaybackEngagement done = finished(current);
        long timer = timestamp + timeoutMs;
        ctx.timerService().registerEventTimeTimer(timer);
        engagement.update(withTimer(done, timer));
    }

    private PlaybackEngagement advance(PlaybackEngagement current, PlaybackEvent event) {
        long furthest =
                Math.max(current == null ? 0 : current.furthestPositionMs(), event.positionMs());
        boolean completed =
                (current != null && current.completed())
                        || event.type() == PlaybackEventType.COMPLETE;
        long last =
                Math.max(
                        current == null ? Long.MIN_VALUE : current.lastEventTime(),
                        event.eventTime());
        return new PlaybackEngagement(
                PlaybackEngagement.CURRENT_VERSION,
                event.userId(),
                event.titleId(),
                furthest,
                event.runtimeMs(),
                completed,
                last,
                false,
                current == null ? 0 : current.timer());
    }

    private void emit(PlaybackEngagement state, Collector<TitleInteraction> out) {
        float weight =
                rules.weight(state.furthestPositionMs(), state.runtimeMs(), state.completed());
        if (weight == 0f) {
            return;
        }
        interactions.inc();
        if (weight < 0) {
            negatives.inc();
        }
        out.collect(
                new TitleInteraction(
                        TitleInteraction.CURRENT_VERSION,
                        state.userId(),
                        state.titleId(),
                        weight,
                        state.lastEventTime(),
                        progress(state)));
    }

    /** Fraction of the title reached: 1 when completed, NaN when the runtime is unknown. */
    static float progress(PlaybackEngagement state) {
        if (state.completed()) {
            return 1f;
        }
        return state.runtimeMs() > 0
                ? (float) Math.min(1.0, (double) state.furthestPositionMs() / state.runtimeMs())
                : Float.NaN;
    }

    private static PlaybackEngagement finished(PlaybackEngagement s) {
        return new PlaybackEngagement(
                s.v(),
                s.userId(),
                s.titleId(),
                s.furthestPositionMs(),
                s.runtimeMs(),
                s.completed(),
                s.lastEventTime(),
                true,
                s.timer());
    }

    private static PlaybackEngagement withTimer(PlaybackEngagement s, long timer) {
        return new PlaybackEngagement(
                s.v(),
                s.userId(),
                s.titleId(),
                s.furthestPositionMs(),
                s.runtimeMs(),
                s.completed(),
                s.lastEventTime(),
                s.finished(),
                timer);
    }

    private void reschedule(PlaybackEngagement before, PlaybackEngagement next, Context ctx)
            throws Exception {
        long timer = next.lastEventTime() + timeoutMs;
        if (before != null && before.timer() != 0 && before.timer() != timer) {
            ctx.timerService().deleteEventTimeTimer(before.timer());
        }
        ctx.timerService().registerEventTimeTimer(timer);
        engagement.update(withTimer(next, timer));
    }
}
