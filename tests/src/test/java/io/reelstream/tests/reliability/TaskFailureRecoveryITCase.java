package io.reelstream.tests.reliability;

import io.reelstream.tests.support.SharedServices;
import io.reelstream.tests.support.TestFlinkCluster;

import org.apache.flink.core.execution.JobClient;
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
import java.util.Map;

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

        long restarts = FaultRecovery.restarts(REPORTER, job.getJobID());
        LOG.info(
                "faults injected {}, readers created {}, restarts {}, users {}",
                plan.faultsInjected(),
                plan.readersCreated(),
                restarts,
                scenario.reference.activities().size());
        FaultRecovery.assertRecoveredFromBothFaults(plan, restarts, PARALLELISM);
        assertThat(scenario.reference.activities()).hasSizeGreaterThan(10);
        assertThat(mismatches).isEmpty();
        assertThat(scenario.storedRows()).isEqualTo(scenario.reference.activities().size());
    }

    /**
     * The catalog first (until the job checkpointed it), then one batch of events a second while
     * the faults happen.
     */
    private static void sendWhileFaultsHappen(FeaturesScenario scenario, FaultPlan plan)
            throws Exception {
        scenario.send(scenario.catalog());
        scenario.awaitCatalogCheckpointed(Duration.ofSeconds(60));
        FaultRecovery.sendWhileFaultsHappen(
                scenario.events(), BATCHES, Duration.ofSeconds(1), plan, scenario::send);
    }
}
