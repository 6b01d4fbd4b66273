package io.reelstream.udfs.features;

import org.apache.flink.api.java.functions.KeySelector;

/** The session features job's key selectors (convention in {@code IngestKeys}). */
public final class FeatureKeys {

    private FeatureKeys() {}

    /** Activities by member: every session feature is per member. */
    public static final class ActivityByMember implements KeySelector<UserActivity, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(UserActivity activity) {
            return activity.userId;
        }
    }
}
