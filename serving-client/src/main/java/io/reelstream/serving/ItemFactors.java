package io.reelstream.serving;

import java.time.Instant;
import java.util.List;

/** The factors of one show as served (the {@code item_factors} row). */
public record ItemFactors(
        String showId, List<Float> factors, float bias, long modelVersion, Instant updatedAt) {}
