package io.reelstream.udfs.features.model;

import io.reelstream.udfs.features.UserSession;

import java.util.Iterator;
import java.util.List;

/**
 * Session windows over a user's activity (Flink-free): activities less than {@code gapMs} apart
 * share a session; an out-of-order activity can extend or merge sessions.
 */
public final class SessionTracker {

    private final long gapMs;

    public SessionTracker(long gapMs) {
        this.gapMs = gapMs;
    }

    public long gapMs() {
        return gapMs;
    }

    /** Adds an activity at {@code time} (with its title, or {@code null}) to {@code sessions}. */
    public void add(List<UserSession> sessions, long time, String titleId) {
        UserSession merged = new UserSession(time, time);
        merged.addTitle(titleId);
        Iterator<UserSession> it = sessions.iterator();
        while (it.hasNext()) {
            UserSession s = it.next();
            if (time - s.end < gapMs && s.start - time < gapMs) {
                merged.absorb(s);
                it.remove();
            }
        }
        int at = 0;
        while (at < sessions.size() && sessions.get(at).start < merged.start) {
            at++;
        }
        sessions.add(at, merged);
    }
}
