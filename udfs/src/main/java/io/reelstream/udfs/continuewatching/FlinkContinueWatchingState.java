package io.reelstream.udfs.continuewatching;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;

/**
 * The current key's {@link ContinueWatchingState} in Flink keyed state: one value per member under
 * {@value #STATE_NAME} with {@link ContinueWatchingStateSerializer}, so a callback costs one read
 * and one write. After a restore, a key without a value is migrated from its v1/v2 state ({@link
 * LegacyContinueWatchingState}) on first access.
 */
final class FlinkContinueWatchingState {

    static final String STATE_NAME = "continue-watching-state";

    private final ValueState<ContinueWatchingState> state;
    private final LegacyContinueWatchingState legacy;

    /**
     * @param restored whether the operator was restored (only then can v1/v2 state exist)
     * @param legacyMaxAgeMs the state TTL the v1/v2 descriptors were declared with
     */
    FlinkContinueWatchingState(RuntimeContext context, boolean restored, long legacyMaxAgeMs) {
        state =
                context.getState(
                        new ValueStateDescriptor<>(
                                STATE_NAME, ContinueWatchingStateSerializer.INSTANCE));
        legacy = restored ? new LegacyContinueWatchingState(context, legacyMaxAgeMs) : null;
    }

    /** The current key's state, or {@code null} if the member has none. */
    ContinueWatchingState load() throws Exception {
        ContinueWatchingState current = state.value();
        if (current == null && legacy != null) {
            current = legacy.migrate();
            if (current != null) {
                state.update(current); // the old state is gone: keep the migrated value
            }
        }
        return current;
    }

    /** Stores {@code current}, or clears the key when nothing is left in it. */
    void save(ContinueWatchingState current) throws Exception {
        if (current.isEmpty()) {
            state.clear();
        } else {
            state.update(current);
        }
    }
}
