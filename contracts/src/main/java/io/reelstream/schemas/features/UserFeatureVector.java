package io.reelstream.schemas.features;

import java.util.Arrays;
import java.util.Objects;

/**
 * One user's feature vector as ranking models read it (versioned Flink POJO; the Cassandra row and
 * the Kafka record of the feature topic): named values of one feature set as of an event time.
 *
 * <p>The first {@link #fixedNames} names are the feature set version's own (every vector of that
 * version has them, in that order); rows and records carry only the names after them.
 */
public class UserFeatureVector {

    public static final int CURRENT_VERSION = 1;

    public int v = CURRENT_VERSION;
    public String userId;
    public String featureSet;
    public int featureSetVersion;

    /** Event time the values are exact for, epoch ms. */
    public long asOf;

    /** Emission counter of this user; orders writes with equal {@code asOf}. */
    public long revision;

    public String[] names;
    public double[] values;

    /** How many leading names are the feature set version's fixed names (0: none). */
    public int fixedNames;

    /**
     * The vector changed because event time passed (a slice left a window), not because an event
     * arrived: {@code asOf} is a timer's time, so its lag is not an event's freshness. Not
     * persisted.
     */
    public boolean timeDriven;

    public UserFeatureVector() {}

    public UserFeatureVector(
            String userId,
            String featureSet,
            int featureSetVersion,
            long asOf,
            long revision,
            String[] names,
            double[] values) {
        this.userId = userId;
        this.featureSet = featureSet;
        this.featureSetVersion = featureSetVersion;
        this.asOf = asOf;
        this.revision = revision;
        this.names = names;
        this.values = values;
    }

    /** A vector whose first {@code fixedNames} names are its feature set version's fixed names. */
    public UserFeatureVector(
            String userId,
            String featureSet,
            int featureSetVersion,
            long asOf,
            long revision,
            String[] names,
            double[] values,
            int fixedNames) {
        this(userId, featureSet, featureSetVersion, asOf, revision, names, values);
        this.fixedNames = fixedNames;
    }

    /** The names after the fixed ones: those a row or record has to carry. */
    public String[] extraNames() {
        return Arrays.copyOfRange(names, fixedNames, names.length);
    }

    /** The value named {@code name}, or 0 when the vector does not carry it. */
    public double value(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return 0;
    }

    /** Whether names and values equal {@code other}'s (ignores as-of time and revision). */
    public boolean sameFeatures(UserFeatureVector other) {
        return Arrays.equals(names, other.names) && Arrays.equals(values, other.values);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof UserFeatureVector other)) {
            return false;
        }
        return v == other.v
                && featureSetVersion == other.featureSetVersion
                && asOf == other.asOf
                && revision == other.revision
                && Objects.equals(userId, other.userId)
                && Objects.equals(featureSet, other.featureSet)
                && sameFeatures(other);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, featureSet, asOf, revision);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("UserFeatureVector{").append(userId);
        sb.append(" asOf=").append(asOf).append(" rev=").append(revision);
        for (int i = 0; i < names.length; i++) {
            if (values[i] != 0) {
                sb.append(' ').append(names[i]).append('=').append(values[i]);
            }
        }
        return sb.append('}').toString();
    }
}
