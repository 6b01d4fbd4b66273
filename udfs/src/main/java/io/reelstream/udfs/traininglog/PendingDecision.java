package io.reelstream.udfs.traininglog;

/**
 * A decision waiting for its label horizon to pass, with the labels gathered so far.
 *
 * @param decision the decision as served
 * @param labels per candidate, the best relevance seen within the horizon so far
 */
public record PendingDecision(RankingDecision decision, float[] labels) {}
