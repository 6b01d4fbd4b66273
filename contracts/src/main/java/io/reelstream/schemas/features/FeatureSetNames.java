package io.reelstream.schemas.features;

import java.util.List;

/** Resolves the fixed names of a feature set version, as readers of values-only rows need them. */
@FunctionalInterface
public interface FeatureSetNames {

    /**
     * @throws IllegalArgumentException if the version is unknown
     */
    List<String> fixedNames(String featureSet, int version);
}
