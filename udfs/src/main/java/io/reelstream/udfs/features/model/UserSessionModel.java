package io.reelstream.udfs.features.model;

import io.reelstream.schemas.features.UserFeatureVector;
import io.reelstream.udfs.features.ActivityKind;
import io.reelstream.udfs.features.PlaybackCursor;
import io.reelstream.udfs.features.SliceAccumulator;
import io.reelstream.udfs.features.UserActivity;
import io.reelstream.udfs.features.UserSession;
import io.reelstream.udfs.features.UserTimeline;
import io.reelstream.udfs.windows.KeyValueStore;
import io.reelstream.udfs.windows.SlicedAggregation;
import io.reelstream.udfs.windows.SlicedWindow;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The user_session features of one user as a state machine over a {@link UserSessionStore}
 * (Flink-free): each activity updates one slice per window, timers expire slices and prune, and the
 * vector is the merge of the live slices. The Flink function only adds timers and emission.
 */
public final class UserSessionModel {

    private final long allowedLatenessMs;
    private final List<SlicedAggregation<SliceAccumulator>> windows = new ArrayList<>();
    private final PlaybackProgress progress =
            new PlaybackProgress(UserSessionFeatureSet.SESSION_GAP_MS);
    private final SearchConversions conversions =
            new SearchConversions(UserSessionFeatureSet.CONVERSION_WINDOW_MS);
    private final SessionTracker sessions =
            new SessionTracker(UserSessionFeatureSet.SESSION_GAP_MS);

    public UserSessionModel(long allowedLatenessMs) {
        if (allowedLatenessMs < 0) {
            throw new IllegalArgumentException("allowed lateness must be >= 0");
        }
        this.allowedLatenessMs = allowedLatenessMs;
        for (SlicedWindow w : UserSessionFeatureSet.WINDOWS) {
            windows.add(new SlicedAggregation<>(w, SliceAccumulator::new));
        }
    }

    /** Whether an event at {@code eventTime} is too late to update slices at {@code watermark}. */
    public boolean isLate(long eventTime, long watermark) {
        return watermark != Long.MIN_VALUE && eventTime < watermark - allowedLatenessMs;
    }

    /** Event-time instants at which the event's slices leave their windows (decay timers). */
    public long[] decayTimes(long eventTime) {
        long[] times = new long[windows.size()];
        for (int i = 0; i < times.length; i++) {
            SlicedWindow w = windows.get(i).window();
            times[i] = w.expiryTime(w.sliceStart(eventTime));
        }
        return times;
    }

    /**
     * The next event time at which one of the user's slices leaves its window (the earliest decay
     * time of any held slice after the user's clock), or {@link UserTimeline#NONE} if no slice is
     * held: one timer per user at this time replaces one timer per slice.
     */
    public long nextDecayTime(UserSessionStore store) throws Exception {
        long next = UserTimeline.NONE;
        for (int i = 0; i < windows.size(); i++) {
            long expiry = windows.get(i).nextExpiry(store.slices(i));
            if (expiry != Long.MIN_VALUE && (next == UserTimeline.NONE || expiry < next)) {
                next = expiry;
            }
        }
        return next;
    }

    /** Applies one on-time activity. */
    public void accept(UserSessionStore store, UserActivity a) throws Exception {
        UserTimeline timeline = store.timeline();
        if (timeline == null) {
            timeline = new UserTimeline();
        }
        timeline.asOf = Math.max(timeline.asOf, a.eventTime);
        timeline.lastEventTime = Math.max(timeline.lastEventTime, a.eventTime);
        if (a.isPlayback()) {
            acceptPlayback(store, timeline, a);
        } else {
            boolean converted = conversions.onSearch(timeline, a.eventTime);
            updateSlices(store, timeline, a.eventTime, new SearchUpdate(converted));
        }
        sessions.add(timeline.sessions, a.eventTime, a.isPlayback() ? a.titleId : null);
        store.setTimeline(timeline);
    }

    private void acceptPlayback(UserSessionStore store, UserTimeline timeline, UserActivity a)
            throws Exception {
        KeyValueStore<String, PlaybackCursor> cursors = store.cursors();
        PlaybackCursor cursor = a.playbackId == null ? null : cursors.get(a.playbackId);
        long watched = progress.watchedMs(cursor, a);
        PlaybackCursor next = progress.advance(cursor, a);
        if (next != cursor && a.playbackId != null) {
            cursors.put(a.playbackId, next);
        }
        timeline.lastPlayAt = Math.max(timeline.lastPlayAt, a.eventTime);
        updateSlices(store, timeline, a.eventTime, new PlaybackUpdate(a, watched));
        if (a.kind == ActivityKind.PLAY_START) {
            for (long search : conversions.onPlayStart(timeline, a.eventTime)) {
                updateSlices(store, timeline, search, SliceAccumulator::addConvertedSearch);
            }
        }
    }

    private void updateSlices(
            UserSessionStore store,
            UserTimeline timeline,
            long time,
            java.util.function.Consumer<SliceAccumulator> update)
            throws Exception {
        for (int i = 0; i < windows.size(); i++) {
            windows.get(i).update(store.slices(i), time, timeline.asOf, update);
        }
    }

    /**
     * Moves the user's clock to {@code time} (a fired decay timer): drops every slice that left its
     * window by then (see {@link #decayTimes}), prunes what no on-time event can touch any more.
     *
     * @return whether the clock moved, so values (at least recency) changed
     */
    public boolean advance(UserSessionStore store, long time, long watermark) throws Exception {
        UserTimeline timeline = store.timeline();
        if (timeline == null) {
            return false;
        }
        boolean changed = time > timeline.asOf;
        timeline.asOf = Math.max(timeline.asOf, time);
        for (int i = 0; i < windows.size(); i++) {
            windows.get(i).expire(store.slices(i), timeline.asOf);
        }
        pruneCursors(store.cursors(), watermark);
        conversions.prune(timeline, watermark, allowedLatenessMs);
        pruneSessions(timeline, watermark);
        store.setTimeline(timeline);
        return changed;
    }

    private void pruneCursors(KeyValueStore<String, PlaybackCursor> cursors, long watermark)
            throws Exception {
        List<String> obsolete = new ArrayList<>();
        for (Map.Entry<String, PlaybackCursor> c : cursors.entries()) {
            if (progress.isObsolete(c.getValue(), watermark, allowedLatenessMs)) {
                obsolete.add(c.getKey());
            }
        }
        for (String id : obsolete) {
            cursors.remove(id);
        }
    }

    private void pruneSessions(UserTimeline timeline, long watermark) {
        if (watermark == Long.MIN_VALUE) {
            return;
        }
        Iterator<UserSession> it = timeline.sessions.iterator();
        while (it.hasNext()) {
            UserSession s = it.next();
            boolean outOfWindows =
                    !UserSessionFeatureSet.inWindow(
                            UserSessionFeatureSet.WINDOW_7D, s, timeline.asOf);
            boolean unreachable = s.end + sessions.gapMs() < watermark - allowedLatenessMs;
            if (outOfWindows && unreachable) {
                it.remove();
            }
        }
    }

    /** When the slice of the newest event leaves the largest window: its last decay timer. */
    private long lastDecayTime(UserTimeline timeline) {
        long newest = timeline.lastEventTime;
        long last = Long.MIN_VALUE;
        for (long t : decayTimes(newest)) {
            last = Math.max(last, t);
        }
        return last;
    }

    /** Whether the user has no state worth keeping: every window and session is gone. */
    public boolean isEmpty(UserSessionStore store) throws Exception {
        UserTimeline timeline = store.timeline();
        if (timeline == null) {
            return true;
        }
        if (timeline.asOf < lastDecayTime(timeline)) {
            return false; // the newest event's largest-window slice is still live
        }
        for (int i = 0; i < windows.size(); i++) {
            if (!store.slices(i).isEmpty()) {
                return false;
            }
        }
        return store.cursors().isEmpty()
                && timeline.sessions.isEmpty()
                && timeline.searchTimes.length == 0
                && timeline.startTimes.length == 0;
    }

    /** The user's vector at the store's as-of time; bumps the revision. */
    public UserFeatureVector emit(UserSessionStore store, String userId, GenreLookup genres)
            throws Exception {
        UserTimeline timeline = store.timeline();
        timeline.revision++;
        store.setTimeline(timeline);
        List<SliceAccumulator> totals = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            totals.add(windows.get(i).merged(store.slices(i), timeline.asOf));
        }
        UserFeatureVector vector =
                UserSessionFeatureSet.vector(
                        userId,
                        timeline.asOf,
                        timeline.revision,
                        totals,
                        timeline.sessions,
                        timeline.lastPlayAt,
                        genres);
        vector.timeDriven = timeline.asOf > timeline.lastEventTime;
        return vector;
    }

    /** Slice update of one playback event. */
    private record PlaybackUpdate(UserActivity activity, long watchedMs)
            implements java.util.function.Consumer<SliceAccumulator> {
        @Override
        public void accept(SliceAccumulator slice) {
            slice.addWatch(activity.titleId, activity.deviceType, watchedMs);
            if (activity.kind == ActivityKind.PLAY_START) {
                slice.addPlayStart();
            } else if (activity.kind == ActivityKind.PLAY_COMPLETE) {
                slice.addCompletion();
            }
        }
    }

    /** Slice update of one search. */
    private record SearchUpdate(boolean converted)
            implements java.util.function.Consumer<SliceAccumulator> {
        @Override
        public void accept(SliceAccumulator slice) {
            slice.addSearch();
            if (converted) {
                slice.addConvertedSearch();
            }
        }
    }
}
