package io.reelstream.udfs.recs;

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
}
