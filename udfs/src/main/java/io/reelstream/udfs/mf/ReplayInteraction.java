package io.reelstream.udfs.mf;

/**
 * One row of an interaction log to replay.
 *
 * @param user member id
 * @param item title (show) id
 * @param timestampMs when it happened, epoch ms
 * @param weight implicit-feedback weight (1 when the log has none; negative for weak negatives)
 */
public record ReplayInteraction(String user, String item, long timestampMs, float weight) {}
