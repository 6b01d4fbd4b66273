package io.reelstream.udfs.qoe;

import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.qoe.SessionOutcome;
import io.reelstream.schemas.qoe.SessionSummary;
import io.reelstream.schemas.qoe.StallEvent;
import io.reelstream.udfs.qoe.model.PlaybackSession;
import io.reelstream.udfs.qoe.model.SameInstantSamples;
import io.reelstream.udfs.qoe.model.SessionPreview;
import io.reelstream.udfs.qoe.model.SessionStep;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one {@link PlaybackSession} per playback id in event-time order: samples wait in keyed state
 * until the watermark passes them, stalls are signalled on a side output as soon as the threshold
 * is crossed (by a sample or by an event-time deadline), and a playback is summarised when it ends
 * or when its telemetry has been silent for the inactivity timeout (abandoned).
 *
 * <p>After a playback closes, a marker drops its late samples for one more timeout, then all state
 * is gone. Samples of one instant are applied in a canonical order, and a state reported through
 * both telemetry and CMCD counts once ({@link SameInstantSamples}).
 *
 * <p>Live stalls are signalled ahead of the watermark: a sample at most the live horizon old (event
 * time against the wall clock) previews the playback with every arrived sample ({@link
 * SessionPreview}); a stall it shows is signalled at once, and an open rebuffer is watched by a
 * processing-time timer at the moment it would cross the threshold. The settle does not signal
 * those stalls again (counters {@code qoeStallsSignalledAhead} and {@code qoeStallsConfirmed}).
 * Samples of a backlog (older than the horizon) are left to the watermark.
 *
 * <p>State version 3: the whole playback is one {@code qoe-playback} value ({@link PlaybackState},
 * explicit serializer), read and written once per sample. At most two event-time timers are armed:
 * one at the earliest waiting sample, and one at the earliest deadline (stall threshold,
 * inactivity, end of the closed marker) only if that comes before the first. A timer settles every
 * due instant up to the watermark in order and re-arms, so a deadline timer that fires early (its
 * deadline moved on) only re-arms, and a steady playback, whose settle timer always comes first,
 * holds one timer. State of versions 1 and 2 is migrated per key on its first callback after a
 * restore ({@link LegacyPlaybackState}).
 *
 * <p>Settling on arrival: a live sample that does not end its playback (its stalls are signalled
 * ahead) arms the settle timer only at the settle delay after it; the playback's next sample
 * settles it before, in the state read that sample pays anyway, once the watermark has passed it.
 * So a playback's steady samples cost one state read each instead of two. The settle is the same
 * (every due instant up to the watermark, in event-time order); only when it runs moves. A settle
 * delay no longer than the inactivity timeout keeps every deadline on its own timer: an abandoned
 * playback closes at its deadline.
 */
public class PlaybackSessionFunction
        extends KeyedProcessFunction<String, PlaybackSample, SessionSummary>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    /** Live stall signals. */
    public static final OutputTag<StallEvent> STALLS =
            new OutputTag<>("qoe-stalls", TypeInformation.of(StallEvent.class));

    private static final long NONE = PlaybackState.NONE;

    private final long stallThresholdMs;
    private final long inactivityTimeoutMs;
    private final long liveHorizonMs;
    private final long settleDelayMs;

    private transient boolean restored;
    private transient ValueState<PlaybackState> playback;
    private transient LegacyPlaybackState legacy;
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
        this(stallThresholdMs, inactivityTimeoutMs, liveHorizonMs, inactivityTimeoutMs / 2);
    }

    /**
     * @param settleDelayMs a live sample that does not end its playback is settled by the
     *     playback's next sample, or by a timer this long after it; 0 settles every sample when the
     *     watermark passes it. At most the inactivity timeout.
     */
    public PlaybackSessionFunction(
            long stallThresholdMs,
            long inactivityTimeoutMs,
            long liveHorizonMs,
            long settleDelayMs) {
        if (liveHorizonMs < 0) {
            throw new IllegalArgumentException("liveHorizonMs must be >= 0: " + liveHorizonMs);
        }
        if (settleDelayMs < 0 || settleDelayMs > inactivityTimeoutMs) {
            throw new IllegalArgumentException(
                    "settleDelayMs must be in [0, inactivityTimeoutMs]: " + settleDelayMs);
        }
        this.stallThresholdMs = stallThresholdMs;
        this.inactivityTimeoutMs = inactivityTimeoutMs;
        this.liveHorizonMs = liveHorizonMs;
        this.settleDelayMs = settleDelayMs;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        restored = context.isRestored();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        // all state is keyed
    }

    @Override
    public void open(OpenContext openContext) {
        playback =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "qoe-playback", PlaybackStateSerializer.INSTANCE));
        legacy = restored ? new LegacyPlaybackState(getRuntimeContext()) : null;
        stallsAhead = getRuntimeContext().getMetricGroup().counter("qoeStallsSignalledAhead");
        stallsConfirmed = getRuntimeContext().getMetricGroup().counter("qoeStallsConfirmed");
        lateSamples = getRuntimeContext().getMetricGroup().counter("qoeLateSamples");
        duplicateSamples = getRuntimeContext().getMetricGroup().counter("qoeDuplicateSamples");
        stalls = getRuntimeContext().getMetricGroup().counter("qoeStalls");
        sessionsClosed = getRuntimeContext().getMetricGroup().counter("qoeSessionsClosed");
        reportDisagreements =
                getRuntimeContext().getMetricGroup().counter("qoeReportDisagreements");
    }

    /** The current key's state (migrated from versions 1 and 2 if restored), or null. */
    private PlaybackState load() throws Exception {
        PlaybackState state = playback.value();
        if (state == null && legacy != null) {
            state = legacy.migrate(duplicateSamples);
            if (state != null) {
                playback.update(state);
            }
        }
        return state;
    }

    @Override
    public void processElement(PlaybackSample sample, Context ctx, Collector<SessionSummary> out)
            throws Exception {
        PlaybackState state = load();
        long settledUpTo = NONE;
        if (state == null) {
            state = new PlaybackState();
        } else {
            settledUpTo = settlePassed(state, sample.eventTime(), ctx, out);
        }
        if (state.isLateForClosed(sample.eventTime(), inactivityTimeoutMs)) {
            lateSamples.inc();
            if (settledUpTo != NONE && !state.isEmpty()) {
                armDeadline(state, settledUpTo, ctx);
            }
            saveOrClear(state);
            return;
        }
        state.addPending(sample);
        long now = ctx.timerService().currentProcessingTime();
        boolean live = liveHorizonMs > 0 && sample.eventTime() >= now - liveHorizonMs;
        long settleAt =
                live && !endsPlayback(sample) ? plusDelay(sample.eventTime()) : sample.eventTime();
        if (state.settleTimerAt == NONE || settleAt < state.settleTimerAt) {
            moveSettleTimer(settleAt, state, ctx);
        }
        if (settledUpTo != NONE) {
            armDeadline(state, settledUpTo, ctx); // after the settle timer, which may cover it
        }
        if (live) {
            signalAhead(state, ctx, now);
        }
        playback.update(state);
    }

    /**
     * Moves the settle timer earlier to {@code settleAt}, deleting the later one ({@link
     * #dropSettleTimer}: a timer left behind would fire for nothing).
     */
    private static void moveSettleTimer(long settleAt, PlaybackState state, Context ctx) {
        dropSettleTimer(state, ctx);
        state.settleTimerAt = settleAt;
        ctx.timerService().registerEventTimeTimer(settleAt);
    }

    /**
     * Settles the waiting samples the watermark has passed that the settle delay kept waiting
     * (every timer at or before the watermark has fired, so nothing else is due), up to the instant
     * before the arriving sample's (a late sample settles with the samples of its instant and
     * after, as at the watermark), and moves the settle timer to the samples still waiting. The
     * caller arms the deadline timer, once the arriving sample's settle timer is set.
     *
     * @return the instant settled up to, or {@link PlaybackState#NONE} if nothing was settled
     */
    private long settlePassed(
            PlaybackState state, long arriving, Context ctx, Collector<SessionSummary> out) {
        long watermark = Math.min(ctx.timerService().currentWatermark(), arriving - 1);
        Optional<Long> first = state.firstPending();
        if (first.isEmpty() || first.get() > watermark) {
            return NONE;
        }
        dropSettleTimer(state, ctx);
        settleUpTo(watermark, state, ctx, out);
        forgetClosedBefore(watermark, state);
        armSettle(state, ctx);
        return watermark;
    }

    /** Drops the closed marker once its late samples are behind the watermark. */
    private void forgetClosedBefore(long watermark, PlaybackState state) {
        if (state.closedAt != NONE && state.closedAt + inactivityTimeoutMs <= watermark) {
            state.closedAt = NONE;
        }
    }

    /**
     * Deletes the settle timer (unless the deadline timer shares its time): nothing waits for it.
     */
    private static void dropSettleTimer(PlaybackState state, Context ctx) {
        if (state.settleTimerAt != NONE) {
            if (state.settleTimerAt != state.deadlineTimerAt) {
                ctx.timerService().deleteEventTimeTimer(state.settleTimerAt);
            }
            state.settleTimerAt = NONE;
        }
    }

    private void saveOrClear(PlaybackState state) throws Exception {
        if (state.isEmpty()) {
            playback.clear();
        } else {
            playback.update(state);
        }
    }

    private long plusDelay(long eventTime) {
        return eventTime > Long.MAX_VALUE - settleDelayMs
                ? Long.MAX_VALUE
                : eventTime + settleDelayMs;
    }

    /**
     * Whether the sample reports a state that ends its playback (it is settled at the watermark).
     */
    private static boolean endsPlayback(PlaybackSample sample) {
        PlayerState state = sample.event().state();
        return state == PlayerState.ENDED
                || state == PlayerState.QUIT
                || state == PlayerState.FATAL_ERROR;
    }

    /** Signals the stalls the arrived samples show and watches an open rebuffer's threshold. */
    private void signalAhead(PlaybackState state, Context ctx, long now) {
        SessionPreview preview = preview(state);
        if (preview == null) {
            return;
        }
        StallsSignalledAhead signalled =
                state.ahead != null ? state.ahead : new StallsSignalledAhead();
        boolean changed = false;
        for (StallEvent stall : preview.stalls()) {
            changed |= signalAhead(stall, signalled, ctx);
        }
        changed |= watchOpenRebuffer(preview, now, signalled, ctx);
        if (changed) {
            state.ahead = signalled;
        }
    }

    /** The playback with every arrived sample; null if it still holds a version 1 session. */
    private SessionPreview preview(PlaybackState state) {
        if (state.session != null && state.session.v < 2) {
            return null;
        }
        return SessionPreview.of(state.session, state.pending, stallThresholdMs);
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
        PlaybackState state = load();
        StallsSignalledAhead signalled = state == null ? null : state.ahead;
        if (signalled == null || signalled.timerAt != timestamp) {
            return;
        }
        long dueAt = signalled.watchedDueAt;
        signalled.timerAt = StallsSignalledAhead.NONE;
        signalled.watchedDueAt = StallsSignalledAhead.NONE;
        SessionPreview preview = preview(state);
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
        state.ahead = signalled.isEmpty() ? null : signalled;
        playback.update(state);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SessionSummary> out)
            throws Exception {
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            onWatchTimer(timestamp, ctx);
            return;
        }
        PlaybackState state = load();
        if (state == null) {
            return; // a timer the state no longer needs (armed before a deadline moved)
        }
        if (state.settleTimerAt <= timestamp) {
            state.settleTimerAt = NONE;
        }
        if (state.deadlineTimerAt <= timestamp) {
            state.deadlineTimerAt = NONE;
        }
        long watermark = Math.max(ctx.timerService().currentWatermark(), timestamp);
        settleUpTo(watermark, state, ctx, out);
        if (state.pending.isEmpty()) {
            dropSettleTimer(state, ctx); // a later settle timer (of a delayed sample) has no work
        }
        forgetClosedBefore(watermark, state);
        if (state.isEmpty()) {
            playback.clear();
            return;
        }
        arm(state, watermark, ctx);
        playback.update(state);
    }

    /**
     * Settles every due instant up to {@code watermark} in event-time order: waiting samples, the
     * open rebuffer's threshold and the inactivity timeout. Which instants are due depends only on
     * event time, so the summaries do not depend on when samples arrived (within the lateness).
     */
    private void settleUpTo(
            long watermark, PlaybackState state, Context ctx, Collector<SessionSummary> out) {
        long settled = Long.MIN_VALUE;
        while (true) {
            long next = nextInstant(state, settled);
            if (next == NONE || next > watermark) {
                return;
            }
            settleAt(next, state, ctx, out);
            settled = next;
        }
    }

    /** The earliest instant after {@code after} at which the open playback has something due. */
    private long nextInstant(PlaybackState state, long after) {
        return earliestSessionDeadline(state, state.firstPending().orElse(NONE), after);
    }

    /**
     * The earliest of {@code current} and the open session's deadlines after {@code after}: its
     * inactivity timeout and its open rebuffer's stall threshold.
     */
    private long earliestSessionDeadline(PlaybackState state, long current, long after) {
        if (state.session == null) {
            return current;
        }
        long next = earliestAfter(current, inactivityDeadline(state.session), after);
        Optional<Long> stallDue =
                PlaybackSession.resume(state.session).stallDueAt(stallThresholdMs);
        return stallDue.isPresent() ? earliestAfter(next, stallDue.get(), after) : next;
    }

    private static long earliestAfter(long current, long candidate, long after) {
        if (candidate <= after) {
            return current;
        }
        return current == NONE ? candidate : Math.min(current, candidate);
    }

    private long inactivityDeadline(PlaybackSessionState session) {
        return session.lastSampleTime + inactivityTimeoutMs;
    }

    /**
     * What the watermark passing {@code instant} does: applies its samples, signals a rebuffer that
     * reached the threshold, closes an ended or abandoned playback.
     */
    private void settleAt(
            long instant, PlaybackState state, Context ctx, Collector<SessionSummary> out) {
        PlaybackSession current =
                state.session == null ? null : PlaybackSession.resume(state.session);
        List<StallEvent> found = new ArrayList<>();
        for (PlaybackSample sample : resolved(state.takePending(instant))) {
            SessionStep step = SessionStep.apply(current, sample, stallThresholdMs, found::add);
            current = step.session();
            if (step.outOfOrder()) {
                lateSamples.inc();
                continue;
            }
            for (StallEvent stall : found) {
                emit(stall, state, ctx);
            }
            found.clear();
            if (step.outcome().isPresent()) {
                close(current, step.outcome().get(), state, ctx, out);
                return;
            }
        }
        if (current == null) {
            return;
        }
        state.session = current.state();
        current.checkStall(instant, stallThresholdMs).ifPresent(stall -> emit(stall, state, ctx));
        // Every sample up to this instant is settled: silent for the timeout in event time is
        // abandoned, whether or not a later sample waits (it opens the next playback).
        if (instant >= inactivityDeadline(state.session)) {
            close(current, SessionOutcome.ABANDONED, state, ctx, out);
        }
    }

    private List<PlaybackSample> resolved(List<PlaybackSample> sameInstant) {
        if (sameInstant.isEmpty()) {
            return sameInstant;
        }
        SameInstantSamples.Resolved resolved = SameInstantSamples.resolve(sameInstant);
        duplicateSamples.inc(resolved.shadowedStates());
        return resolved.samples();
    }

    /**
     * Arms the timers the state needs after a settle up to {@code watermark}: the settle timer at
     * the earliest waiting sample, then the deadline timer ({@link #armDeadline}).
     */
    private void arm(PlaybackState state, long watermark, Context ctx) {
        armSettle(state, ctx);
        armDeadline(state, watermark, ctx);
    }

    /** Arms the settle timer at the earliest waiting sample unless an earlier one is armed. */
    private static void armSettle(PlaybackState state, Context ctx) {
        Optional<Long> firstPending = state.firstPending();
        if (firstPending.isPresent()
                && (state.settleTimerAt == NONE || firstPending.get() < state.settleTimerAt)) {
            state.settleTimerAt = firstPending.get();
            ctx.timerService().registerEventTimeTimer(firstPending.get());
        }
    }

    /**
     * Arms the deadline timer at the earliest deadline after {@code watermark} (stall threshold,
     * inactivity, end of the closed marker) unless an armed timer comes no later: every callback
     * settles all due instants and re-arms, so a settle timer at or before the deadline covers it
     * and a steady playback's deadline timer never fires early.
     */
    private void armDeadline(PlaybackState state, long watermark, Context ctx) {
        long closedMarkerEnd = state.closedAt == NONE ? NONE : state.closedAt + inactivityTimeoutMs;
        long deadline = earliestSessionDeadline(state, closedMarkerEnd, watermark);
        if (deadline == NONE
                || (state.settleTimerAt != NONE && state.settleTimerAt <= deadline)
                || (state.deadlineTimerAt != NONE && state.deadlineTimerAt <= deadline)) {
            return;
        }
        state.deadlineTimerAt = deadline;
        ctx.timerService().registerEventTimeTimer(deadline);
    }

    private void close(
            PlaybackSession current,
            SessionOutcome outcome,
            PlaybackState state,
            Context ctx,
            Collector<SessionSummary> out) {
        SessionSummary summary = current.summarize(outcome);
        out.collect(summary);
        sessionsClosed.inc();
        reportDisagreements.inc(summary.reportDisagreements());
        if (state.ahead != null && state.ahead.timerAt != StallsSignalledAhead.NONE) {
            ctx.timerService().deleteProcessingTimeTimer(state.ahead.timerAt);
        }
        state.close(current.state().lastSampleTime, inactivityTimeoutMs);
    }

    /** A stall the settle found: signalled unless it was signalled ahead (then confirmed). */
    private void emit(StallEvent stall, PlaybackState state, Context ctx) {
        stalls.inc();
        StallsSignalledAhead signalled = state.ahead;
        if (signalled != null && signalled.remove(stall.stallStart())) {
            stallsConfirmed.inc();
            if (signalled.isEmpty()) {
                state.ahead = null;
            }
            return;
        }
        ctx.output(STALLS, stall);
    }
}
