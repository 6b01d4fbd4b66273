package io.reelstream.udfs.features;

import org.apache.flink.api.java.functions.KeySelector;

/** Keys activities by user id: every user_session feature is per user. */
public class UserIdSelector implements KeySelector<UserActivity, String> {

    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(UserActivity activity) {
        return activity.userId;
    }
}
