package io.reelstream.udfs.recs;

/**
 * The item half of a pairwise step computed on the user side, sent to the item side keyed by show.
 * A message with an empty vector carries only an interaction count (for trending).
 *
 * @param v version of this record's layout ({@link #CURRENT_VERSION})
 * @param showId the item to update
 * @param signedG gradient factor: positive for the preferred item, negative for the other one
 * @param userVector the user vector before the step (empty for a count-only message)
 * @param countsInteraction whether this message counts one positive interaction with the show
 * @param eventTime event time of the interaction, epoch ms
 */
public record ItemGradient(
        int v,
        String showId,
        float signedG,
        float[] userVector,
        boolean countsInteraction,
        long eventTime) {

    public static final int CURRENT_VERSION = 1;
}
