package io.reelstream.tests.reliability;

import io.reelstream.engine.FlinkJobDeployer;
import io.reelstream.tests.support.ClusterProcesses;
import io.reelstream.tests.support.SharedServices;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #18 with every job, on real processes: the four jobs deployed from the shaded jar through
 * REST to a standalone cluster (a JobManager and two TaskManagers, each its own JVM), each at
 * parallelism 2 with subtasks on both TaskManagers, each on its own traffic. Mid-stream one
 * TaskManager is killed with SIGKILL (every job restarts from its checkpoint), then every job is
 * rescaled 2 → 3 → 1 through stop-with-savepoint and redeploy while traffic keeps coming, which
 * restores each kind of state the jobs hold (keyed: features, continue watching, QoE sessions, MF
 * factors; broadcast: catalog, item replica; union: open-alert counts). Each job's stored results
 * must then meet the failure-free reference its MiniCluster ITCases check ({@link
 * ClusterJobScenario}): nothing lost, nothing counted twice.
 */
class AllJobsOnClusterITCase {

    private static final Logger LOG = LoggerFactory.getLogger(AllJobsOnClusterITCase.class);

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    /** 12 slots: the four jobs at parallelism 3 at once. */
    @RegisterExtension static final ClusterProcesses CLUSTER = new ClusterProcesses(2, 6);

    private static final int PARTS = 4;
    private static final Duration RUNNING = Duration.ofSeconds(120);
    private static final Duration CONSUMED = Duration.ofSeconds(180);
    private static final Duration SAVEPOINT = Duration.ofMinutes(2);
    private static final Duration REFERENCE = Duration.ofSeconds(180);

    @Test
    void everyJobMeetsItsReferenceAfterATaskManagerKillAndRescalingTwoThreeOne() throws Exception {
        List<ClusterJobScenario> scenarios =
                List.of(
                        new FeaturesOnCluster(SERVICES, 2500),
                        new ContinueWatchingOnCluster(SERVICES),
                        new QoeOnCluster(SERVICES),
                        new RecsOnCluster(SERVICES));
        Map<ClusterJobScenario, String> jobs = new LinkedHashMap<>();
        try {
            for (ClusterJobScenario scenario : scenarios) {
                scenario.sendSetup();
                jobs.put(scenario, deploy(scenario, 2, Optional.empty()));
            }
            for (ClusterJobScenario scenario : scenarios) {
                scenario.awaitConsumed(CONSUMED);
                assertThat(CLUSTER.taskManagersOf(jobs.get(scenario)))
                        .as("%s at parallelism 2 on both TaskManagers", scenario.name())
                        .hasSize(2);
            }

            sendPart(scenarios, 0);
            for (ClusterJobScenario scenario : scenarios) {
                scenario.awaitConsumed(CONSUMED);
            }
            sendPart(scenarios, 1); // after the last checkpoint: replayed after the kill
            CLUSTER.cluster().killTaskManager(0);
            // As Kubernetes would, the cluster restarts the killed TaskManager, and any other one
            // that exits meanwhile (see superviseUntilRegistered).
            List<String> restarted = CLUSTER.cluster().superviseUntilRegistered(2);
            LOG.info("TaskManagers restarted after the SIGKILL: {}", restarted);
            assertThat(restarted).as("TaskManagers restarted").contains("taskmanager-1");
            for (ClusterJobScenario scenario : scenarios) {
                String job = jobs.get(scenario);
                CLUSTER.deployer().awaitRunning(job, RUNNING);
                assertThat(CLUSTER.restarts(job))
                        .as("%s restarts after the SIGKILL", scenario.name())
                        .isGreaterThanOrEqualTo(1);
            }

            rescale(scenarios, jobs, 3);
            sendPart(scenarios, 2);
            rescale(scenarios, jobs, 1);
            sendPart(scenarios, 3);
            for (ClusterJobScenario scenario : scenarios) {
                scenario.awaitConsumed(CONSUMED);
                scenario.sendClosing();
            }
            for (ClusterJobScenario scenario : scenarios) {
                LOG.info("{}", scenario.assertMatchesReference(REFERENCE));
            }
        } finally {
            for (String job : jobs.values()) {
                cancelUnlessEnded(job);
            }
        }
    }

    /** Cancels a job still running; one that already ended (e.g. stopped) is left as it is. */
    private static void cancelUnlessEnded(String job) {
        try {
            CLUSTER.deployer().cancel(job);
        } catch (Exception e) {
            // toString: an exception may have no message (a refused connection has none)
            LOG.warn("job {} not cancelled: {}", job, e.toString().lines().findFirst().orElse(""));
        }
    }

    private static void sendPart(List<ClusterJobScenario> scenarios, int part) {
        for (ClusterJobScenario scenario : scenarios) {
            scenario.sendPart(part, PARTS);
        }
    }

    /** Every job in turn: stop with a savepoint, redeploy from it at {@code parallelism}. */
    private static void rescale(
            List<ClusterJobScenario> scenarios,
            Map<ClusterJobScenario, String> jobs,
            int parallelism)
            throws Exception {
        for (ClusterJobScenario scenario : scenarios) {
            String savepoint =
                    CLUSTER.deployer().stopWithSavepoint(jobs.get(scenario), null, SAVEPOINT);
            String job = deploy(scenario, parallelism, Optional.of(savepoint));
            jobs.put(scenario, job);
            assertThat(CLUSTER.parallelismOf(job))
                    .as("%s restored at parallelism %d", scenario.name(), parallelism)
                    .contains(parallelism);
        }
    }

    private static String deploy(
            ClusterJobScenario scenario, int parallelism, Optional<String> savepoint)
            throws Exception {
        Configuration conf = new Configuration(scenario.configuration());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, Duration.ofMillis(200));
        String job =
                CLUSTER.deployer()
                        .run(
                                CLUSTER.jarId(),
                                new FlinkJobDeployer.Run(
                                        scenario.entryClass().getName(),
                                        FlinkJobDeployer.programArguments(conf.toMap()),
                                        parallelism,
                                        savepoint));
        CLUSTER.deployer().awaitRunning(job, RUNNING);
        LOG.info(
                "{} running as {} at parallelism {} from {}",
                scenario.name(),
                job,
                parallelism,
                savepoint);
        return job;
    }
}
