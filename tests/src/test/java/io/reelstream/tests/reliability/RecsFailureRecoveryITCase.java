package io.reelstream.tests.reliability;

import io.reelstream.pipelines.recs.RecsJobSettings;
import io.reelstream.tests.recs.MemberTimelines;
import io.reelstream.tests.recs.RecsScenario;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.tests.support.TestFlinkCluster;
import io.reelstream.udfs.ingest.IngestSettings;
import io.reelstream.udfs.ingest.KafkaSources;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Issue #9, fault 1, for the recommendation job: the production graph (RocksDB, checkpoints every
 * 500 ms, fixed-delay restarts, parallelism 2, real Kafka and Cassandra, the item replica looping
 * through the real topic) fails once in the middle of the stream after a checkpoint and once inside
 * a checkpoint of the restored job, while playback keeps arriving.
 *
 * <p>What "converges to the failure-free result" means here. Online matrix factorization is
 * order-dependent: the member side and the show side learn in parallel subtasks and meet through
 * the replica topic, so factors and exact lists differ between two failure-free runs already, and a
 * test demanding equal factors could only fail by chance. This test asserts what a failure-free run
 * guarantees as well:
 *
 * <ul>
 *   <li>the same members served: the members with recommendations and the members with factors are
 *       exactly the members with an interaction in the input ({@link MemberTimelines}), and each of
 *       the {@link RecsScenario#ACTIVE_MEMBERS} most active members has a list of at least 10;
 *   <li>the same quality bar as the failure-free {@code RecsITCase}: the share of each active
 *       member's top-10 in their own taste cluster and the share of a show's ANN neighbours in its
 *       cluster both above twice chance (0.33), the thresholds that test asserts (it measured 0.70
 *       and 0.80 here; runs of this test measured 0.77-0.91 and 0.90-1.0). A restore that lost
 *       learned state or fed stale factors back falls towards chance (0.17).
 * </ul>
 *
 * <p>No count is compared exactly: the one candidate, each show's all-time positive interactions
 * (item-side state), is not deterministic even without failures. The playback watermark is assigned
 * per source subtask after decoding, so under a backlog one partition's events run it ahead of
 * another's. Before the lateness bound in {@code PlaybackEngagementFunction} a late event re-opened
 * a finished playback and counted it again (two runs here counted 2,169 and 4,448 against 1,988
 * derived from the input); now such events are dead-lettered as {@code TOO_LATE}, so how many
 * playbacks count still depends on how far the watermark ran ahead.
 */
class RecsFailureRecoveryITCase {

    private static final Logger LOG = LoggerFactory.getLogger(RecsFailureRecoveryITCase.class);

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestFlinkCluster.twoSlotsReportingTo(REPORTER);

    private static final int PARALLELISM = 2;
    private static final int BATCHES = 10;
    private static final Duration DEADLINE = Duration.ofSeconds(150);

    @Test
    void shouldServeTheSameMembersAboveTheSameQualityBarAfterFailures(@TempDir Path checkpoints)
            throws Exception {
        RecsScenario scenario = new RecsScenario(SERVICES, 400_000);
        String group = scenario.prefix + "recs";
        RecsJobSettings options = scenario.options(SERVICES, group);

        FaultPlan plan = FaultPlan.midStreamThenDuringCheckpoint(20);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(FaultRecovery.faultTolerance(checkpoints));
        env.setParallelism(PARALLELISM);
        IngestSettings ingest = options.ingest();
        scenario.job(
                        SERVICES,
                        options,
                        FaultInjectingSource.wrap(
                                KafkaSources.rawRecords(ingest, List.of(options.playbackTopic())),
                                plan),
                        KafkaSources.rawRecords(ingest, List.of(options.catalogTopic())),
                        KafkaSources.rawRecords(ingest, List.of(options.itemFactorsTopic())))
                .build(env);

        SERVICES.sendRecords(scenario.producerRecords(scenario.catalog));
        JobClient job = env.executeAsync("recs-failure-recovery-itcase");
        String measured;
        try (CqlSession session = SERVICES.newSession(scenario.keyspace)) {
            // every show is known before the first interaction: the roll-up is deterministic
            FaultRecovery.awaitCommittedToEnd(
                    SERVICES.bootstrapServers(),
                    group,
                    options.catalogTopic(),
                    Duration.ofSeconds(60));
            FaultRecovery.sendWhileFaultsHappen(
                    scenario.producerRecords(scenario.playback),
                    BATCHES,
                    Duration.ofSeconds(1),
                    plan,
                    SERVICES::sendRecords);
            measured =
                    scenario.assertServesAsAFailureFreeRun(session, options.settings(), DEADLINE);
        } finally {
            plan.close();
            job.cancel().get();
        }

        long restarts = FaultRecovery.restarts(REPORTER, job.getJobID());
        LOG.info(
                "playback records {}, faults injected {}, readers created {}, restarts {}, {}",
                scenario.playback.size(),
                plan.faultsInjected(),
                plan.readersCreated(),
                restarts,
                measured);
        FaultRecovery.assertRecoveredFromBothFaults(plan, restarts, PARALLELISM);
    }
}
