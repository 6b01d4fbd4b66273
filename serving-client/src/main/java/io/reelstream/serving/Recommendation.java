package io.reelstream.serving;

import java.time.Instant;
import java.util.Set;

/**
 * One recommended show of a user; rank 1 is the best.
 *
 * @param sources the candidate sources that proposed the show ({@code mf}, {@code covisit}, {@code
 *     trending}, {@code continue_watching}); empty for rows written before V011
 * @param ranker what ordered the list: a GBDT model version, {@code blend}, or null for rows
 *     written before V011
 */
public record Recommendation(
        int rank,
        String showId,
        float score,
        Set<String> sources,
        String ranker,
        long modelVersion,
        Instant generatedAt) {}
