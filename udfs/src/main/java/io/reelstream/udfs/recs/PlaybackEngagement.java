package io.reelstream.udfs.recs;

/**
 * Keyed state of one playback (keyed by playback id) while it runs.
 *
 * @param v version of this state layout ({@link #CURRENT_VERSION})
 * @param userId member
 * @param titleId title
 * @param furthestPositionMs furthest playhead position seen (watched-time proxy)
 * @param runtimeMs runtime of the title
 * @param completed the player reported completion
 * @param lastEventTime newest event time seen
 * @param finished the interaction was emitted; kept only to swallow late duplicates
 * @param timer the pending event-time timer
 */
public record PlaybackEngagement(
        int v,
        String userId,
        String titleId,
        long furthestPositionMs,
        long runtimeMs,
        boolean completed,
        long lastEventTime,
        boolean finished,
        long timer) {

    public static final int CURRENT_VERSION = 1;
}
