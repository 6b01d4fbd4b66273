package io.reelstream.udfs.ingest;

import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.executiongraph.ExecutionAttemptID;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;
import org.apache.flink.runtime.metrics.groups.TaskManagerMetricGroup;
import org.apache.flink.runtime.metrics.groups.TaskMetricGroup;
import org.apache.flink.runtime.metrics.util.TestingMetricRegistry;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A mock task environment whose metric registry records every metric an operator registers, so
 * harness tests can read counters by {@code <group>.<name>} (e.g. {@code reelstream.eventsIn}).
 */
public final class CapturedMetrics {

    private final Map<String, Metric> metrics = new ConcurrentHashMap<>();
    private final MockEnvironment environment;

    public CapturedMetrics() {
        TestingMetricRegistry registry =
                TestingMetricRegistry.builder().setRegisterConsumer(this::record).build();
        TaskMetricGroup taskGroup =
                TaskManagerMetricGroup.createTaskManagerMetricGroup(
                                registry, "localhost", ResourceID.generate())
                        .addJob(new JobID(), "test-job")
                        .addTask(ExecutionAttemptID.randomId(), "test-task");
        environment = new MockEnvironmentBuilder().setMetricGroup(taskGroup).build();
    }

    public MockEnvironment environment() {
        return environment;
    }

    /** The counter {@code name} registered in the sub-group {@code group}; fails if absent. */
    public long count(String group, String name) {
        Metric metric = metrics.get(group + "." + name);
        if (!(metric instanceof Counter counter)) {
            throw new AssertionError(
                    "no counter " + group + "." + name + " in " + metrics.keySet());
        }
        return counter.getCount();
    }

    private void record(Metric metric, String name, AbstractMetricGroup<?> group) {
        String[] scope = group.getScopeComponents();
        metrics.put(scope[scope.length - 1] + "." + name, metric);
    }
}
