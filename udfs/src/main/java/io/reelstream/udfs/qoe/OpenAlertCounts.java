package io.reelstream.udfs.qoe;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

import java.util.HashMap;
import java.util.Map;

/**
 * The number of open QoE alerts in one subtask, for the {@code qoeOpenAlerts} gauge. Counted per
 * key group and checkpointed as union operator state, so that after a restore, also at another
 * parallelism, each subtask sums exactly the key groups it now owns: the gauge stays equal to the
 * open alerts held in its keyed state without scanning that state.
 */
final class OpenAlertCounts {

    private final Map<Integer, Long> perKeyGroup = new HashMap<>();
    private final int maxParallelism;
    private ListState<Tuple2<Integer, Long>> checkpointed;
    private volatile long total;

    OpenAlertCounts(int maxParallelism) {
        this.maxParallelism = maxParallelism;
    }

    /** Registers the state and, on restore, keeps the counts of the key groups of this subtask. */
    void initialize(OperatorStateStore store, boolean restored, int parallelism, int subtask)
            throws Exception {
        checkpointed =
                store.getUnionListState(
                        new ListStateDescriptor<>(
                                "qoe-open-alerts-per-key-group",
                                Types.TUPLE(Types.INT, Types.LONG)));
        if (!restored) {
            return;
        }
        KeyGroupRange owned =
                KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(
                        maxParallelism, parallelism, subtask);
        for (Tuple2<Integer, Long> entry : checkpointed.get()) {
            if (owned.contains(entry.f0)) {
                perKeyGroup.merge(entry.f0, entry.f1, Long::sum);
            }
        }
        total = perKeyGroup.values().stream().mapToLong(Long::longValue).sum();
    }

    void opened(Object key) {
        add(key, 1);
    }

    void resolved(Object key) {
        add(key, -1);
    }

    /** Open alerts in this subtask (read by the metric reporter thread). */
    long total() {
        return total;
    }

    void snapshot() throws Exception {
        checkpointed.clear();
        for (Map.Entry<Integer, Long> entry : perKeyGroup.entrySet()) {
            checkpointed.add(Tuple2.of(entry.getKey(), entry.getValue()));
        }
    }

    private void add(Object key, long delta) {
        int keyGroup = KeyGroupRangeAssignment.assignToKeyGroup(key, maxParallelism);
        long count = perKeyGroup.getOrDefault(keyGroup, 0L) + delta;
        if (count == 0) {
            perKeyGroup.remove(keyGroup);
        } else {
            perKeyGroup.put(keyGroup, count);
        }
        total += delta;
    }
}
