package io.reelstream.udfs.traininglog;

/**
 * A member's interaction with a show as the labeller keeps it for a while: a decision that reaches
 * the labeller after some of its label interactions still sees them.
 *
 * @param showId the show
 * @param weight engagement weight (positive: started, at least the completion weight: completed)
 * @param eventTime epoch ms
 */
public record MemberPlay(String showId, float weight, long eventTime) {}
