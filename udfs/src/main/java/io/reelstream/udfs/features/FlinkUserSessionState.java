package io.reelstream.udfs.features;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;

/**
 * The current key's {@link UserSessionState} in Flink keyed state: one value per user under {@value
 * #STATE_NAME} with {@link UserSessionStateSerializer}, so a callback costs one read and one write.
 * After a restore, a key without a v2 value is migrated from its v1 state on first access.
 */
final class FlinkUserSessionState {

    static final String STATE_NAME = "user-session";

    private final ValueState<UserSessionState> state;
    private final V1UserSessionState v1;

    /**
     * @param restored whether the operator was restored (only then can v1 state exist)
     */
    FlinkUserSessionState(RuntimeContext context, boolean restored) {
        state =
                context.getState(
                        new ValueStateDescriptor<>(
                                STATE_NAME, UserSessionStateSerializer.INSTANCE));
        v1 = restored ? new V1UserSessionState(context) : null;
    }

    /** The current key's state, or {@code null} if the user has none. */
    UserSessionState load() throws Exception {
        UserSessionState current = state.value();
        if (current == null && v1 != null) {
            current = v1.migrate();
        }
        return current;
    }

    void save(UserSessionState current) throws Exception {
        state.update(current);
    }

    void clear() {
        state.clear();
    }
}
