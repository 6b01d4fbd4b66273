package io.reelstream.serving;

import java.time.Instant;
import java.util.List;

/** One feature set of a user as served: parallel lists of feature names and values. */
public record FeatureSet(
        String name, int version, List<String> names, List<Float> values, Instant asOf) {

    /** The value of one feature, or {@code NaN} if this set has no such feature. */
    public float value(String feature) {
        int i = names.indexOf(feature);
        return i < 0 || i >= values.size() ? Float.NaN : values.get(i);
    }
}
