package io.reelstream.tests.cassandra;

import java.io.Serializable;

/**
 * A factor vector update as the ITCases write it to {@code user_factors} / {@code item_factors}:
 * version {@code v} is also the update time offset, so a higher version is a newer write.
 */
public record FactorRow(String id, float[] factors, long modelVersion, long updatedAtMillis)
        implements Serializable {}
