package io.reelstream.udfs.features;

import io.reelstream.schemas.features.UserFeatureVector;
import io.reelstream.udfs.features.model.GenreLookup;
import io.reelstream.udfs.features.model.UserSessionModel;
import io.reelstream.udfs.ingest.RecentEventIds;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps the user_session feature vector of every user fresh, keyed by user id, with sliced windows
 * instead of Flink's copying sliding windows (see {@link UserSessionModel}).
 *
 * <ul>
 *   <li>All of a user's state is one value ({@link UserSessionState}, explicit serializer): a
 *       callback reads and writes it once.
 *   <li>A copy of an event already counted (same event id, {@link RecentEventIds}) is dropped and
 *       moves {@code duplicatesDropped}; ids are kept only while a copy could still be on time.
 *   <li>An activity older than watermark minus allowed lateness goes to {@link #LATE_ACTIVITY} and
 *       moves the {@value #LATE_COUNTER} counter.
 *   <li>One event-time timer per user, at the next instant one of its slices leaves its window; it
 *       re-emits the decayed vector and re-arms itself.
 *   <li>Emission is debounced per user: at most one vector per {@code debounceMs} of processing
 *       time; changes in between are folded into one write scheduled by a processing-time timer.
 *   <li>Once every window of a user is empty (quiet longer than the largest window) the last,
 *       decayed vector is emitted and all keyed state is cleared; no timer is left behind.
 *   <li>Catalog titles arrive on the broadcast side ({@link #CATALOG}); genres are looked up when
 *       the vector is computed, so a title that reaches the catalog late still gets its genre.
 * </ul>
 *
 * <p>State schema v2; a restored v1 state (one entry per slice) is migrated per key on first access
 * ({@link V1UserSessionState}).
 */
public class UserSessionFeatureFunction
        extends KeyedBroadcastProcessFunction<String, UserActivity, TitleGenres, UserFeatureVector>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    /** Catalog titles by title id (broadcast state). */
    public static final MapStateDescriptor<String, TitleGenres> CATALOG =
            new MapStateDescriptor<>(
                    "title-genres", Types.STRING, TypeInformation.of(TitleGenres.class));

    /** Activities that arrived later than the allowed lateness. */
    public static final OutputTag<UserActivity> LATE_ACTIVITY =
            new OutputTag<>("late-user-activity", TypeInformation.of(UserActivity.class));

    public static final String METRIC_GROUP = "reelstream";
    public static final String LATE_COUNTER = "userSessionLateActivities";
    public static final String EMITTED_COUNTER = "userSessionVectorsEmitted";
    public static final String CLEARED_COUNTER = "userSessionUsersCleared";
    public static final String DUPLICATES_DROPPED = "duplicatesDropped";

    /** How often a user without slices but with other state is looked at again (event time). */
    private static final long SWEEP_MS = 60 * 60_000L;

    private final long allowedLatenessMs;
    private final long debounceMs;

    private transient boolean restored;
    private transient UserSessionModel model;
    private transient FlinkUserSessionState states;
    private transient Counter late;
    private transient Counter emitted;
    private transient Counter cleared;
    private transient Counter duplicates;

    /**
     * @param allowedLatenessMs how far behind the watermark an activity may be and still update its
     *     slices
     * @param debounceMs minimum processing time between two emissions of one user; 0 emits on every
     *     change
     */
    public UserSessionFeatureFunction(long allowedLatenessMs, long debounceMs) {
        if (allowedLatenessMs < 0 || debounceMs < 0) {
            throw new IllegalArgumentException("lateness and debounce must be >= 0");
        }
        this.allowedLatenessMs = allowedLatenessMs;
        this.debounceMs = debounceMs;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        restored = context.isRestored();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {}

    @Override
    public void open(OpenContext openContext) {
        model = new UserSessionModel(allowedLatenessMs);
        states = new FlinkUserSessionState(getRuntimeContext(), restored);
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(METRIC_GROUP);
        late = group.counter(LATE_COUNTER);
        emitted = group.counter(EMITTED_COUNTER);
        cleared = group.counter(CLEARED_COUNTER);
        duplicates = group.counter(DUPLICATES_DROPPED);
    }

    @Override
    public void processElement(
            UserActivity activity, ReadOnlyContext ctx, Collector<UserFeatureVector> out)
            throws Exception {
        TimerService timers = ctx.timerService();
        long watermark = timers.currentWatermark();
        UserSessionState state = states.load();
        if (state != null && state.recentIds().contains(activity.eventIdHash)) {
            duplicates.inc();
            return;
        }
        if (model.isLate(activity.eventTime, watermark)) {
            late.inc();
            ctx.output(LATE_ACTIVITY, activity);
            return;
        }
        if (state == null) {
            state = new UserSessionState();
        }
        forgetUncountableIds(state, watermark);
        state.recentIds().add(activity.eventIdHash, activity.eventTime);
        model.accept(state, activity);
        armDecayTimer(state, timers, UserTimeline.NONE);
        requestEmission(
                state,
                ctx.getCurrentKey(),
                timers,
                new BroadcastGenreLookup(ctx.getBroadcastState(CATALOG)),
                out);
        states.save(state);
    }

    @Override
    public void processBroadcastElement(
            TitleGenres title, Context ctx, Collector<UserFeatureVector> out) throws Exception {
        BroadcastState<String, TitleGenres> catalog = ctx.getBroadcastState(CATALOG);
        TitleGenres known = catalog.get(title.titleId);
        if (known == null || title.updatedAt >= known.updatedAt) {
            catalog.put(title.titleId, title);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<UserFeatureVector> out)
            throws Exception {
        UserSessionState state = states.load();
        if (state == null || state.timeline() == null) {
            return;
        }
        TimerService timers = ctx.timerService();
        GenreLookup genres = new BroadcastGenreLookup(ctx.getBroadcastState(CATALOG));
        UserTimeline timeline = state.timeline();
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            if (timeline.pendingEmitAt != timestamp) {
                return;
            }
            timeline.pendingEmitAt = UserTimeline.NONE;
            emit(state, ctx.getCurrentKey(), timers, genres, out);
        } else {
            long watermark = timers.currentWatermark();
            boolean changed = model.advance(state, timestamp, watermark);
            forgetUncountableIds(state, watermark);
            if (model.isEmpty(state)) {
                clearUser(state, ctx.getCurrentKey(), timers, genres, out);
                return;
            }
            armDecayTimer(state, timers, timestamp);
            if (changed) {
                requestEmission(state, ctx.getCurrentKey(), timers, genres, out);
            }
        }
        states.save(state);
    }

    private void forgetUncountableIds(UserSessionState state, long watermark) {
        if (watermark != Long.MIN_VALUE) {
            state.recentIds().forgetOlderThan(watermark - allowedLatenessMs);
        }
    }

    /**
     * Keeps one decay timer registered at the user's next slice expiry: registers it when it is
     * earlier than the registered one (or none is, or the registered one just {@code fired}). A
     * user with state but no slice is looked at again after {@link #SWEEP_MS}.
     */
    private void armDecayTimer(UserSessionState state, TimerService timers, long fired)
            throws Exception {
        if (fired != UserTimeline.NONE && fired >= state.decayTimerAt()) {
            state.setDecayTimerAt(UserTimeline.NONE);
        }
        long next = model.nextDecayTime(state);
        if (next == UserTimeline.NONE) {
            next = state.timeline().asOf + SWEEP_MS;
        }
        if (state.decayTimerAt() == UserTimeline.NONE || next < state.decayTimerAt()) {
            timers.registerEventTimeTimer(next);
            state.setDecayTimerAt(next);
        }
    }

    private void requestEmission(
            UserSessionState state,
            String userId,
            TimerService timers,
            GenreLookup genres,
            Collector<UserFeatureVector> out)
            throws Exception {
        UserTimeline timeline = state.timeline();
        if (timeline.pendingEmitAt != UserTimeline.NONE) {
            return;
        }
        long now = timers.currentProcessingTime();
        if (debounceMs == 0
                || timeline.lastEmitAt == UserTimeline.NONE
                || now - timeline.lastEmitAt >= debounceMs) {
            emit(state, userId, timers, genres, out);
        } else {
            timeline.pendingEmitAt = timeline.lastEmitAt + debounceMs;
            timers.registerProcessingTimeTimer(timeline.pendingEmitAt);
        }
    }

    private void emit(
            UserSessionState state,
            String userId,
            TimerService timers,
            GenreLookup genres,
            Collector<UserFeatureVector> out)
            throws Exception {
        out.collect(model.emit(state, userId, genres));
        emitted.inc();
        state.timeline().lastEmitAt = timers.currentProcessingTime();
    }

    private void clearUser(
            UserSessionState state,
            String userId,
            TimerService timers,
            GenreLookup genres,
            Collector<UserFeatureVector> out)
            throws Exception {
        UserTimeline timeline = state.timeline();
        if (timeline.pendingEmitAt != UserTimeline.NONE) {
            timers.deleteProcessingTimeTimer(timeline.pendingEmitAt);
        }
        if (state.decayTimerAt() != UserTimeline.NONE
                && state.decayTimerAt() > timers.currentWatermark()) {
            timers.deleteEventTimeTimer(state.decayTimerAt());
        }
        out.collect(model.emit(state, userId, genres));
        emitted.inc();
        states.clear();
        cleared.inc();
    }
}
