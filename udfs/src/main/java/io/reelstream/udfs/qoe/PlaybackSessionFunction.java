package io.reelstream.udfs.qoe;

import io.reelstream.schemas.events.QoeEvent;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs one {@link PlaybackSession} per playback id in event-time order: samples wait in keyed state
 * until the watermark passes them, stalls are signalled on a side output as soon as the threshold
 * is crossed (by a sample or by an event-time timer), and a playback is summarised when it ends or
 * when its telemetry has been silent for the inactivity timeout (abandoned).
 *
 * <p>After a playback closes, a marker drops its late samples for one more timeout, then all state
 * is gone. Samples of one instant are applied in a canonical order, and a state reported through
 * both telemetry and CMCD counts once ({@link SameInstantSamples}).
 *
 * <p>Live stalls are signalled ahead of the watermark: a sample at most the live horizon old (event
 * time against the wall clock) previews the playback with every arrived sample ({@link
 * SessionPreview}); a stall it shows is signalled at once, and an open rebuffer is watched by a
 * processing-time timer at the moment it would cross the threshold. The settle does not signal
 * those stalls again ({@code qoe-stalls-ahead}; counters {@code qoeStallsSignalledAhead} and {@code
 * qoeStallsConfirmed}). Samples of a backlog (older than the horizon) are left to the watermark.
 *
 * <p>Samples wait in {@code qoe-pending-samples-v2}. Savepoints of the previous release hold them
 * in {@code qoe-pending-samples} as telemetry-contract events; those are still drained.
 */
public class PlaybackSessionFunction
        extends KeyedProcessFunction<String, PlaybackSample, SessionSummary> {

    private static final long serialVersionUID = 1L;

    /** Live stall signals. */
    public static final OutputTag<StallEvent> STALLS =
            new OutputTag<>("qoe-stalls", TypeInformation.of(StallEvent.class));

    private final long stallThresholdMs;
    private final long inactivityTimeoutMs;
    private final long liveHorizonMs;

    private transient ValueState<PlaybackSessionState> session;
    private transient MapState<Long, List<PlaybackSample>> pending;
    private transient MapState<Long, List<QoeEvent>> legacyPending;
    private transient ValueState<Long> closedAt;
    private transient ValueState<StallsSignalledAhead> ahead;
    private transient Counter stallsAhead;
    private transient Counter stallsConfirmed;
    private transient Counter lateSamples;
    private transient Counter duplicateSamples;
    private transient Counter stalls;
    private transient Counter sessionsClosed;
    private transient Counter reportDisagreements;

    /**
     * @param stallThresholdMs a rebuffer lasting this long is signalled as a stall
     * @param inactivityTimeoutMs a playback silent this long (event time) is closed as abandoned
     */
    public PlaybackSessionFunction(long stallThresholdMs, long inactivityTimeoutMs) {
        this(stallThresholdMs, inactivityTimeoutMs, 0);
    }

    /**
     * @param liveHorizonMs a sample at most this old (its event time against the wall clock)
     *     signals stalls ahead of the watermark; 0 leaves every stall to the watermark
     */
    public PlaybackSessionFunction(
            long stallThresholdMs, long inactivityTimeoutMs, long liveHorizonMs) {
        if (liveHorizonMs < 0) {
            throw new IllegalArgumentException("liveHorizonMs must be >= 0: " + liveHorizonMs);
        }
        this.stallThresholdMs = stallThresholdMs;
        this.inactivityTimeoutMs = inactivityTimeoutMs;
        this.liveHorizonMs = liveHorizonMs;
    }

    @Override
    public void open(OpenContext openContext) {
        session =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "qoe-session",
                                        TypeInformation.of(PlaybackSessionState.class)));
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "qoe-pending-samples-v2",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(PlaybackSample.class))));
        legacyPending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "qoe-pending-samples",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(QoeEvent.class))));
        closedAt =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("qoe-closed-at", Types.LONG));
        ahead =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "qoe-stalls-ahead",
                                        TypeInformation.of(StallsSignalledAhead.class)));
        stallsAhead = getRuntimeContext().getMetricGroup().counter("qoeStallsSignalledAhead");
        stallsConfirmed = getRuntimeContext().getMetricGroup().counter("qoeStallsConfirmed");
        lateSamples = getRuntimeContext().getMetricGroup().counter("qoeLateSamples");
        duplicateSamples = getRuntimeContext().getMetricGroup().counter("qoeDuplicateSamples");
        stalls = getRuntimeContext().getMetricGroup().counter("qoeStalls");
        sessionsClosed = getRuntimeContext().getMetricGroup().counter("qoeSessionsClosed");
        reportDisagreements =
                getRuntimeContext().getMetricGroup().counter("qoeReportDisagreements");
    }

    @Override
    public void processElement(PlaybackSample sample, Context ctx, Collector<SessionSummary> out)
            throws Exception {
        if (closedAt.value() != null) {
            lateSamples.inc();
            return;
        }
        List<PlaybackSample> atTime = pending.get(sample.eventTime());
        List<PlaybackSample> updated = atTime == null ? new ArrayList<>() : new ArrayList<>(atTime);
        updated.add(sample);
        pending.put(sample.eventTime(), updated);
        ctx.timerService().registerEventTimeTimer(sample.eventTime());
        long now = ctx.timerService().currentProcessingTime();
        if (liveHorizonMs > 0 && sample.eventTime() >= now - liveHorizonMs) {
            signalAhead(ctx, now);
        }
    }

    /** Signals the stalls the arrived samples show and watches an open rebuffer's threshold. */
    private void signalAhead(Context ctx, long now) throws Exception {
        SessionPreview preview = preview();
        if (preview == null) {
            return;
        }
        StallsSignalledAhead signalled =
                Objects.requireNonNullElseGet(ahead.value(), StallsSignalledAhead::new);
        boolean changed = false;
        for (StallEvent stall : preview.stalls()) {
            changed |= signalAhead(stall, signalled, ctx);
        }
        changed |= watchOpenRebuffer(preview, now, signalled, ctx);
        if (changed) {
            ahead.update(signalled);
        }
    }

    /** The playback with every arrived sample; null if samples of the previous release wait. */
    private SessionPreview preview() throws Exception {
        PlaybackSessionState settled = session.value();
        boolean previousRelease =
                settled != null
                        ? settled.v < 2 || settled.previousReleaseSamples
                        : !legacyPending.isEmpty();
        if (previousRelease) {
            return null;
        }
        TreeMap<Long, List<PlaybackSample>> waiting = new TreeMap<>();
        for (Map.Entry<Long, List<PlaybackSample>> instant : pending.entries()) {
            waiting.put(instant.getKey(), instant.getValue());
        }
        return SessionPreview.of(settled, waiting, stallThresholdMs);
    }

    private boolean signalAhead(StallEvent stall, StallsSignalledAhead signalled, Context ctx) {
        if (signalled.contains(stall.stallStart())) {
            return false;
        }
        signalled.add(stall.stallStart());
        stallsAhead.inc();
        ctx.output(STALLS, stall);
        return true;
    }

    /**
     * Arms the processing-time timer for the preview's open rebuffer unless it watches it already:
     * {@code now} plus the event time left from the newest sample to the threshold.
     */
    private boolean watchOpenRebuffer(
            SessionPreview preview, long now, StallsSignalledAhead signalled, Context ctx) {
        Optional<Long> due = preview.stallDueAt(stallThresholdMs);
        if (due.isEmpty() || due.get() == signalled.watchedDueAt) {
            return false;
        }
        if (signalled.timerAt != StallsSignalledAhead.NONE) {
            ctx.timerService().deleteProcessingTimeTimer(signalled.timerAt);
        }
        signalled.watchedDueAt = due.get();
        signalled.timerAt = now + Math.max(0, due.get() - preview.lastSampleTime());
        ctx.timerService().registerProcessingTimeTimer(signalled.timerAt);
        return true;
    }

    /** The watched rebuffer's threshold passed in processing time: a stall unless it ended. */
    private void onWatchTimer(long timestamp, Context ctx) throws Exception {
        StallsSignalledAhead signalled = ahead.value();
        if (signalled == null || signalled.timerAt != timestamp) {
            return;
        }
        long dueAt = signalled.watchedDueAt;
        signalled.timerAt = StallsSignalledAhead.NONE;
        signalled.watchedDueAt = StallsSignalledAhead.NONE;
        SessionPreview preview = closedAt.value() == null ? preview() : null;
        if (preview != null) {
            for (StallEvent stall : preview.stalls()) {
                signalAhead(stall, signalled, ctx);
            }
            if (preview.stallDueAt(stallThresholdMs).equals(Optional.of(dueAt))) {
                preview.stallAt(dueAt, stallThresholdMs)
                        .ifPresent(stall -> signalAhead(stall, signalled, ctx));
            } else {
                watchOpenRebuffer(preview, timestamp, signalled, ctx);
            }
        }
        if (signalled.isEmpty()) {
            ahead.clear();
        } else {
            ahead.update(signalled);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SessionSummary> out)
            throws Exception {
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            onWatchTimer(timestamp, ctx);
            return;
        }
        Long closed = closedAt.value();
        if (closed != null) {
            if (timestamp >= closed + inactivityTimeoutMs) {
                closedAt.clear();
            }
            return;
        }
        PlaybackSession current = drainUpTo(timestamp, ctx, out);
        if (current == null) {
            return;
        }
        Optional<StallEvent> timedOut = current.checkStall(timestamp, stallThresholdMs);
        if (timedOut.isPresent()) {
            emit(timedOut.get(), ctx);
        }
        long silentSince = current.state().lastSampleTime;
        if (timestamp >= silentSince + inactivityTimeoutMs
                && pending.isEmpty()
                && !previousReleaseSamplesLeft(current.state())) {
            close(current, SessionOutcome.ABANDONED, ctx, out);
            return;
        }
        session.update(current.state());
        if (silentSince + inactivityTimeoutMs > timestamp) {
            ctx.timerService().registerEventTimeTimer(silentSince + inactivityTimeoutMs);
        }
        // else: silent past the timeout but later samples are buffered; their own timers go on.
        // Re-registering this past instant would fire it again at once, forever (a livelock that
        // froze the QoE job in the soak).
        current.stallDueAt(stallThresholdMs)
                .ifPresent(due -> ctx.timerService().registerEventTimeTimer(due));
    }

    /** Applies buffered samples up to {@code timestamp} in order; null if no session is open. */
    private PlaybackSession drainUpTo(
            long timestamp, OnTimerContext ctx, Collector<SessionSummary> out) throws Exception {
        PlaybackSessionState state = session.value();
        PlaybackSession current = state == null ? null : PlaybackSession.resume(state);
        // Only a playback without state, or one restored from the previous release, can still
        // have samples that release buffered: no extra lookup per timer for the others.
        boolean previousRelease = current == null || current.state().previousReleaseSamples;
        List<QoeEvent> legacy = previousRelease ? legacyPending.get(timestamp) : null;
        if (legacy != null) {
            legacyPending.remove(timestamp);
        }
        List<StallEvent> found = new ArrayList<>();
        for (PlaybackSample sample : takeDue(timestamp, legacy)) {
            SessionStep step = SessionStep.apply(current, sample, stallThresholdMs, found::add);
            current = step.session();
            if (step.outOfOrder()) {
                lateSamples.inc();
                continue;
            }
            for (StallEvent stall : found) {
                emit(stall, ctx);
            }
            found.clear();
            if (step.outcome().isPresent()) {
                close(current, step.outcome().get(), ctx, out);
                return null;
            }
        }
        if (legacy != null && current != null) {
            current.state().previousReleaseSamples = true;
        }
        return current;
    }

    /**
     * Whether samples the previous release buffered remain for a playback restored from it; the
     * mark is dropped once they are all drained, so later timers look no more.
     */
    private boolean previousReleaseSamplesLeft(PlaybackSessionState state) throws Exception {
        if (state.previousReleaseSamples && legacyPending.isEmpty()) {
            state.previousReleaseSamples = false;
        }
        return state.previousReleaseSamples;
    }

    /**
     * The buffered samples of instant {@code timestamp}. Every buffered instant has its own timer
     * and timers fire in timestamp order, so when any timer at {@code timestamp} fires, the
     * instants before it have been drained already: one point lookup, never a scan of the map (on
     * RocksDB a scan per timer walks the deletes of every drained instant and made this operator
     * the QoE job's bottleneck).
     */
    private List<PlaybackSample> takeDue(long timestamp, List<QoeEvent> legacy) throws Exception {
        List<PlaybackSample> sameInstant = pending.get(timestamp);
        if (sameInstant != null) {
            pending.remove(timestamp);
        }
        if (legacy != null) {
            List<PlaybackSample> restored = SameInstantSamples.fromPreviousRelease(legacy);
            duplicateSamples.inc(legacy.size() - restored.size());
            sameInstant = sameInstant == null ? restored : concat(sameInstant, restored);
        }
        if (sameInstant == null) {
            return List.of();
        }
        SameInstantSamples.Resolved resolved = SameInstantSamples.resolve(sameInstant);
        duplicateSamples.inc(resolved.shadowedStates());
        return resolved.samples();
    }

    private static List<PlaybackSample> concat(List<PlaybackSample> a, List<PlaybackSample> b) {
        List<PlaybackSample> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private void close(
            PlaybackSession current,
            SessionOutcome outcome,
            OnTimerContext ctx,
            Collector<SessionSummary> out)
            throws Exception {
        SessionSummary summary = current.summarize(outcome);
        out.collect(summary);
        sessionsClosed.inc();
        reportDisagreements.inc(summary.reportDisagreements());
        long closeTime = current.state().lastSampleTime;
        session.clear();
        if (!pending.isEmpty()) {
            pending.clear();
        }
        if (current.state().previousReleaseSamples) {
            legacyPending.clear();
        }
        StallsSignalledAhead signalled = ahead.value();
        if (signalled != null) {
            if (signalled.timerAt != StallsSignalledAhead.NONE) {
                ctx.timerService().deleteProcessingTimeTimer(signalled.timerAt);
            }
            ahead.clear();
        }
        closedAt.update(closeTime);
        ctx.timerService().registerEventTimeTimer(closeTime + inactivityTimeoutMs);
    }

    /** A stall the settle found: signalled unless it was signalled ahead (then confirmed). */
    private void emit(StallEvent stall, Context ctx) throws Exception {
        stalls.inc();
        StallsSignalledAhead signalled = ahead.value();
        if (signalled != null && signalled.remove(stall.stallStart())) {
            stallsConfirmed.inc();
            if (signalled.isEmpty()) {
                ahead.clear();
            } else {
                ahead.update(signalled);
            }
            return;
        }
        ctx.output(STALLS, stall);
    }
}
