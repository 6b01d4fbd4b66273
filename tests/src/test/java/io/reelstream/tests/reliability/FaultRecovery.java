package io.reelstream.tests.reliability;

import io.reelstream.tests.support.JobHealth;
import io.reelstream.tests.support.KafkaProgress;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.InMemoryReporter;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the task-failure ITCases of every job share: the production fault tolerance, input sent in
 * batches while the {@link FaultPlan}'s two faults happen, the restart count from the metrics, and
 * the assertions that both faults happened and the job recovered from each, so a test whose faults
 * did not fire fails instead of passing as a failure-free run.
 */
final class FaultRecovery {

    static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(500);

    private static final Duration FAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final int BATCHES_AFTER_FAULTS = 3;

    private FaultRecovery() {}

    /**
     * {@link FeaturesScenario#faultTolerance} every 500 ms, with Kryo disabled as in production.
     */
    static Configuration faultTolerance(Path checkpoints) {
        Configuration conf = FeaturesScenario.faultTolerance(checkpoints, CHECKPOINT_INTERVAL);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }

    /**
     * Sends {@code items} in {@code batches} slices, one every {@code pause}, from the first
     * completed checkpoint on (the mid-stream fault needs records after it, a slow start must not
     * let the job read them all before); the last three wait until both faults have happened (up to
     * a minute each), so the job has input to read after each recovery.
     */
    static <T> void sendWhileFaultsHappen(
            List<T> items, int batches, Duration pause, FaultPlan plan, Consumer<List<T>> send)
            throws InterruptedException {
        awaitUpTo(FAULT_TIMEOUT, plan::checkpointCompleted);
        for (int i = 0; i < batches; i++) {
            if (i == batches - BATCHES_AFTER_FAULTS) {
                awaitUpTo(FAULT_TIMEOUT, plan::midStreamFaultInjected);
                awaitUpTo(FAULT_TIMEOUT, plan::checkpointFaultInjected);
            }
            int from = items.size() * i / batches;
            int to = items.size() * (i + 1) / batches;
            send.accept(items.subList(from, to));
            Thread.sleep(pause.toMillis());
        }
    }

    static void awaitUpTo(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    /** The job's {@code numRestarts} as {@code reporter} last saw it; -1 if never reported. */
    static long restarts(InMemoryReporter reporter, JobID jobId) {
        return JobHealth.restarts(reporter, jobId).orElse(-1);
    }

    /**
     * Both faults fired exactly once, the job restarted at least twice and every source subtask was
     * created again after each fault (restored from a checkpoint).
     */
    static void assertRecoveredFromBothFaults(FaultPlan plan, long restarts, int parallelism) {
        assertThat(plan.midStreamFaultInjected()).as("fault in the middle of the stream").isTrue();
        assertThat(plan.checkpointFaultInjected()).as("fault during a checkpoint").isTrue();
        assertThat(plan.faultsInjected()).isEqualTo(2);
        assertThat(restarts).as("job restarts").isGreaterThanOrEqualTo(2);
        assertThat(plan.readersCreated()).isGreaterThanOrEqualTo(3 * parallelism);
    }

    /** See {@link KafkaProgress#awaitCommittedToEnd}. */
    static void awaitCommittedToEnd(
            String bootstrapServers, String group, String topic, Duration timeout)
            throws Exception {
        KafkaProgress.awaitCommittedToEnd(bootstrapServers, group, topic, timeout);
    }

    /** The number of partitions of each of {@code topics}. */
    static Map<String, Integer> partitionCounts(String bootstrapServers, List<String> topics)
            throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Map<String, Integer> counts = new HashMap<>();
        try (Admin admin = Admin.create(props)) {
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get()
                    .forEach((name, topic) -> counts.put(name, topic.partitions().size()));
        }
        return counts;
    }
}
