package io.reelstream.udfs.features;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps the user_session feature vector of every user fresh, keyed by user id, with sliced windows
 * instead of Flink's copying sliding windows (see {@link UserSessionModel}).
 *
 * <ul>
 *   <li>An on-time activity updates one slice per window and registers the event-time timers at
 *       which those slices leave their windows; each such timer re-emits the decayed vector.
 *   <li>An activity older than watermark minus allowed lateness goes to {@link #LATE_ACTIVITY} and
 *       moves the {@value #LATE_COUNTER} counter.
 *   <li>Emission is debounced per user: at most one vector per {@code debounceMs} of processing
 *       time; changes in between are folded into one write scheduled by a processing-time timer.
 *   <li>Once every window of a user is empty (quiet longer than the largest window) the last,
 *       decayed vector is emitted and all keyed state is cleared; no timer is left behind.
 *   <li>Catalog titles arrive on the broadcast side ({@link #CATALOG}); genres are looked up when
 *       the vector is computed, so a title that reaches the catalog late still gets its genre.
 * </ul>
 */
public class UserSessionFeatureFunction
        extends KeyedBroadcastProcessFunction<
                String, UserActivity, TitleGenres, UserFeatureVector> {

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

    private final long allowedLatenessMs;
    private final long debounceMs;

    private transient UserSessionModel model;
    private transient FlinkUserSessionStore store;
    private transient Counter late;
    private transient Counter emitted;
    private transient Counter cleared;

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
    public void open(OpenContext openContext) {
        model = new UserSessionModel(allowedLatenessMs);
        store = new FlinkUserSessionStore(getRuntimeContext());
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(METRIC_GROUP);
        late = group.counter(LATE_COUNTER);
        emitted = group.counter(EMITTED_COUNTER);
        cleared = group.counter(CLEARED_COUNTER);
    }

    @Override
    public void processElement(
            UserActivity activity, ReadOnlyContext ctx, Collector<UserFeatureVector> out)
            throws Exception {
        TimerService timers = ctx.timerService();
        if (model.isLate(activity.eventTime, timers.currentWatermark())) {
            late.inc();
            ctx.output(LATE_ACTIVITY, activity);
            return;
        }
        store.begin();
        UserTimeline before = store.timeline();
        long newest = before == null ? UserTimeline.NONE : before.lastEventTime;
        for (long decay : model.newDecayTimes(newest, activity.eventTime)) {
            timers.registerEventTimeTimer(decay);
        }
        model.accept(store, activity);
        requestEmission(
                ctx.getCurrentKey(),
                timers,
                new BroadcastGenreLookup(ctx.getBroadcastState(CATALOG)),
                out);
        store.flush();
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
        store.begin();
        TimerService timers = ctx.timerService();
        GenreLookup genres = new BroadcastGenreLookup(ctx.getBroadcastState(CATALOG));
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            UserTimeline timeline = store.timeline();
            if (timeline != null && timeline.pendingEmitAt == timestamp) {
                timeline.pendingEmitAt = UserTimeline.NONE;
                emit(ctx.getCurrentKey(), timers, genres, out);
            }
        } else {
            boolean changed = model.advance(store, timestamp, timers.currentWatermark());
            if (model.isEmpty(store)) {
                clearUser(ctx.getCurrentKey(), timers, genres, out);
                return;
            }
            if (changed) {
                requestEmission(ctx.getCurrentKey(), timers, genres, out);
            }
        }
        store.flush();
    }

    private void requestEmission(
            String userId,
            TimerService timers,
            GenreLookup genres,
            Collector<UserFeatureVector> out)
            throws Exception {
        UserTimeline timeline = store.timeline();
        if (timeline.pendingEmitAt != UserTimeline.NONE) {
            return;
        }
        long now = timers.currentProcessingTime();
        if (debounceMs == 0
                || timeline.lastEmitAt == UserTimeline.NONE
                || now - timeline.lastEmitAt >= debounceMs) {
            emit(userId, timers, genres, out);
        } else {
            timeline.pendingEmitAt = timeline.lastEmitAt + debounceMs;
            timers.registerProcessingTimeTimer(timeline.pendingEmitAt);
            store.setTimeline(timeline);
        }
    }

    private void emit(
            String userId,
            TimerService timers,
            GenreLookup genres,
            Collector<UserFeatureVector> out)
            throws Exception {
        out.collect(model.emit(store, userId, genres));
        emitted.inc();
        UserTimeline timeline = store.timeline();
        timeline.lastEmitAt = timers.currentProcessingTime();
        store.setTimeline(timeline);
    }

    private void clearUser(
            String userId,
            TimerService timers,
            GenreLookup genres,
            Collector<UserFeatureVector> out)
            throws Exception {
        UserTimeline timeline = store.timeline();
        if (timeline.pendingEmitAt != UserTimeline.NONE) {
            timers.deleteProcessingTimeTimer(timeline.pendingEmitAt);
        }
        out.collect(model.emit(store, userId, genres));
        emitted.inc();
        store.clear();
        cleared.inc();
    }
}
