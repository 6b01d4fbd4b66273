package io.reelstream.serving;

import java.time.Instant;

/** One recommended show of a user; rank 1 is the best. */
public record Recommendation(
        int rank, String showId, float score, long modelVersion, Instant generatedAt) {}
