package io.reelstream.udfs.features;

import java.util.ArrayList;
import java.util.List;

/**
 * One activity session of a user (versioned Flink POJO): events closer than the session gap belong
 * together; 30 minutes without activity close it.
 */
public class UserSession {

    public static final int CURRENT_VERSION = 1;

    public int v = CURRENT_VERSION;
    public long start;
    public long end;

    /** Distinct titles played in the session. */
    public List<String> titleIds = new ArrayList<>();

    public UserSession() {}

    public UserSession(long start, long end) {
        this.start = start;
        this.end = end;
    }

    /** Length, ms, from the first to the last activity. */
    public long lengthMs() {
        return end - start;
    }

    public void addTitle(String titleId) {
        if (titleId != null && !titleIds.contains(titleId)) {
            titleIds.add(titleId);
        }
    }

    public void absorb(UserSession other) {
        start = Math.min(start, other.start);
        end = Math.max(end, other.end);
        for (String title : other.titleIds) {
            addTitle(title);
        }
    }
}
