package io.reelstream.tests.reliability;

import io.reelstream.generator.GeneratedRecord;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.tests.support.TestFlinkCluster;

import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #9, fault 1: the session features job (RocksDB, checkpoints every 500 ms, fixed-delay
 * restarts, parallelism 2, real Kafka and Cassandra) fails twice on purpose while events keep
 * arriving: once in the middle of the stream after a checkpoint, once inside a checkpoint of the
 * restored job. Both times it restores from the last checkpoint, and afterwards the stored rows
 * equal the failure-free result (the reference that {@code SessionFeaturesITCase} checks a
 * failure-free run against): same users, same vectors.
 */
class TaskFailureRecoveryITCase {

    private static final Logger LOG = LoggerFactory.getLogger(TaskFailureRecoveryITCase.class);

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestFlinkCluster.twoSlotsReportingTo(REPORTER);

    private static final int EVENTS = 2500;
    private static final int BATCHES = 20;
    private static final int PARALLELISM = 2;

    @Test
    void shouldConvergeToTheFailureFreeResultAfterFailuresMidStreamAndDuringACheckpoint(
            @TempDir Path checkpoints) throws Exception {
        FeaturesScenario scenario = new FeaturesScenario(SERVICES, EVENTS);
        FaultPlan plan = FaultPlan.midStreamThenDuringCheckpoint(20);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(FeaturesScenario.faultTolerance(checkpoints, Duration.ofMillis(500)));
        env.setParallelism(PARALLELISM);
        scenario.job(source -> FaultInjectingSource.wrap(source, plan)).build(env);

        JobClient job = env.executeAsync("task-failure-recovery-itcase");
        Map<String, String> mismatches;
        try {
            sendWhileFaultsHappen(scenario, plan);
            mismatches = scenario.awaitReference(FeaturesScenario.DEADLINE);
        } finally {
            plan.close();
            job.cancel().get();
        }

        long restarts = restarts(job.getJobID());
        LOG.info(
                "faults injected {}, readers created {}, restarts {}, users {}",
                plan.faultsInjected(),
                plan.readersCreated(),
                restarts,
                scenario.reference.activities().size());
        assertThat(plan.midStreamFaultInjected()).as("fault in the middle of the stream").isTrue();
        assertThat(plan.checkpointFaultInjected()).as("fault during a checkpoint").isTrue();
        assertThat(plan.faultsInjected()).isEqualTo(2);
        assertThat(restarts).as("job restarts").isGreaterThanOrEqualTo(2);
        assertThat(plan.readersCreated()).isGreaterThanOrEqualTo(3 * PARALLELISM);
        assertThat(scenario.reference.activities()).hasSizeGreaterThan(10);
        assertThat(mismatches).isEmpty();
        assertThat(scenario.storedRows()).isEqualTo(scenario.reference.activities().size());
    }

    /**
     * The catalog first (until the job checkpointed it), then one batch of events a second; the
     * last batches wait until both faults have happened, so the job has events to read after each
     * recovery.
     */
    private static void sendWhileFaultsHappen(FeaturesScenario scenario, FaultPlan plan)
            throws Exception {
        scenario.send(scenario.catalog());
        scenario.awaitCatalogCheckpointed(Duration.ofSeconds(60));
        List<GeneratedRecord> events = scenario.events();
        for (int i = 0; i < BATCHES; i++) {
            if (i == BATCHES - 3) {
                awaitUpTo(Duration.ofSeconds(60), plan::midStreamFaultInjected);
                awaitUpTo(Duration.ofSeconds(60), plan::checkpointFaultInjected);
            }
            int from = events.size() * i / BATCHES;
            int to = events.size() * (i + 1) / BATCHES;
            scenario.send(events.subList(from, to));
            Thread.sleep(1000);
        }
    }

    private static void awaitUpTo(Duration timeout, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    @SuppressWarnings("unchecked")
    private static long restarts(JobID jobId) {
        return REPORTER.findMetrics(jobId, "numRestarts").values().stream()
                .filter(m -> m instanceof Gauge)
                .mapToLong(m -> ((Gauge<Number>) m).getValue().longValue())
                .max()
                .orElse(-1);
    }
}
