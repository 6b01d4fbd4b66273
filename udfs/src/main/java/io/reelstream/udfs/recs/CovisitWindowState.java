package io.reelstream.udfs.recs;

import io.reelstream.udfs.covisit.CovisitWindow;

/**
 * Keyed state of one member's co-visitation window on the user side (beside {@link
 * UserModelState}): their last distinct positive shows and the date of each, oldest first.
 *
 * @param v version of this state layout ({@link #CURRENT_VERSION})
 * @param shows show ids, oldest first (at most the configured window)
 * @param times the member's latest interaction with each show, epoch ms
 */
public record CovisitWindowState(int v, String[] shows, long[] times) {

    public static final int CURRENT_VERSION = 1;

    /** The state of {@code window}. */
    public static CovisitWindowState of(CovisitWindow<String> window) {
        String[] shows = new String[window.size()];
        long[] times = new long[window.size()];
        for (int i = 0; i < shows.length; i++) {
            shows[i] = window.title(i);
            times[i] = window.time(i);
        }
        return new CovisitWindowState(CURRENT_VERSION, shows, times);
    }

    /**
     * The window held in {@code state} (null: an empty one), keeping the newest {@code capacity}.
     */
    public static CovisitWindow<String> toWindow(CovisitWindowState state, int capacity) {
        return state == null || state.shows() == null || state.times() == null
                ? new CovisitWindow<>(capacity)
                : CovisitWindow.restore(capacity, state.shows(), state.times());
    }
}
