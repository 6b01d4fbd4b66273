package io.reelstream.udfs.features;

import io.reelstream.udfs.features.model.UserSessionFeatureSet;

import java.util.List;

/** Resolves the fixed names of a feature set version, as readers of values-only rows need them. */
@FunctionalInterface
public interface FeatureSetNames {

    /**
     * @throws IllegalArgumentException if the version is unknown
     */
    List<String> fixedNames(String featureSet, int version);

    /** The feature sets this engine defines. */
    static FeatureSetNames builtIn() {
        return (featureSet, version) -> {
            if (UserSessionFeatureSet.NAME.equals(featureSet)
                    && version == UserSessionFeatureSet.VERSION) {
                return UserSessionFeatureSet.fixedNames();
            }
            throw new IllegalArgumentException(
                    "unknown feature set " + featureSet + " v" + version);
        };
    }
}
