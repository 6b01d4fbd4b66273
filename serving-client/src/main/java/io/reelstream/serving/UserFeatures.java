package io.reelstream.serving;

import java.util.List;
import java.util.Optional;

/** Every feature set of one user (one partition of {@code user_features}). */
public record UserFeatures(String userId, List<FeatureSet> featureSets) {

    public Optional<FeatureSet> featureSet(String name) {
        return featureSets.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
