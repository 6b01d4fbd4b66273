package io.reelstream.udfs.features;

import io.reelstream.schemas.features.UserFeatureVector;
import io.reelstream.udfs.features.model.GenreLookup;
import io.reelstream.udfs.features.model.PlaybackProgress;
import io.reelstream.udfs.features.model.SearchConversions;
import io.reelstream.udfs.features.model.UserSessionFeatureSet;
import io.reelstream.udfs.windows.SlicedWindow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference: recomputes a user's vector from the raw list of accepted activities (in arrival
 * order), with no slices, no state and no pruning.
 */
public final class NaiveUserSessionFeatures {

    private NaiveUserSessionFeatures() {}

    public static UserFeatureVector vector(
            String user, List<UserActivity> accepted, long asOf, long revision, GenreLookup genres)
            throws Exception {
        PlaybackProgress progress = new PlaybackProgress(UserSessionFeatureSet.SESSION_GAP_MS);
        SearchConversions conversions =
                new SearchConversions(UserSessionFeatureSet.CONVERSION_WINDOW_MS);
        Map<String, PlaybackCursor> cursors = new HashMap<>();
        Map<UserActivity, Long> watched = new IdentityHashMap<>();
        for (UserActivity a : accepted) {
            if (a.isPlayback()) {
                PlaybackCursor c = cursors.get(a.playbackId);
                watched.put(a, progress.watchedMs(c, a));
                cursors.put(a.playbackId, progress.advance(c, a));
            }
        }
        List<SliceAccumulator> totals = new ArrayList<>();
        for (SlicedWindow w : UserSessionFeatureSet.WINDOWS) {
            SliceAccumulator t = new SliceAccumulator();
            for (UserActivity a : accepted) {
                if (!w.coversEvent(a.eventTime, asOf)) {
                    continue;
                }
                if (a.isPlayback()) {
                    t.addWatch(a.titleId, a.deviceType, watched.get(a));
                    if (a.kind == ActivityKind.PLAY_START) {
                        t.addPlayStart();
                    } else if (a.kind == ActivityKind.PLAY_COMPLETE) {
                        t.addCompletion();
                    }
                } else {
                    t.addSearch();
                    if (isConverted(a, accepted, conversions)) {
                        t.addConvertedSearch();
                    }
                }
            }
            totals.add(t);
        }
        long lastPlay = UserTimeline.NONE;
        for (UserActivity a : accepted) {
            if (a.isPlayback() && a.eventTime <= asOf) {
                lastPlay = Math.max(lastPlay, a.eventTime);
            }
        }
        return UserSessionFeatureSet.vector(
                user, asOf, revision, totals, sessions(accepted), lastPlay, genres);
    }

    private static boolean isConverted(
            UserActivity search, List<UserActivity> accepted, SearchConversions conversions) {
        for (UserActivity a : accepted) {
            if (a.kind == ActivityKind.PLAY_START
                    && conversions.converts(search.eventTime, a.eventTime)) {
                return true;
            }
        }
        return false;
    }

    public static List<UserSession> sessions(List<UserActivity> accepted) {
        List<UserActivity> sorted = new ArrayList<>(accepted);
        sorted.sort(Comparator.comparingLong(a -> a.eventTime));
        List<UserSession> sessions = new ArrayList<>();
        UserSession current = null;
        for (UserActivity a : sorted) {
            if (current == null
                    || a.eventTime - current.end >= UserSessionFeatureSet.SESSION_GAP_MS) {
                current = new UserSession(a.eventTime, a.eventTime);
                sessions.add(current);
            }
            current.end = a.eventTime;
            if (a.isPlayback()) {
                current.addTitle(a.titleId);
            }
        }
        return sessions;
    }
}
