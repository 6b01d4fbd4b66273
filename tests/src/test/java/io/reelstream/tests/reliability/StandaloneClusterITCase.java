package io.reelstream.tests.reliability;

import io.reelstream.engine.FlinkJobDeployer;
import io.reelstream.generator.GeneratedRecord;
import io.reelstream.pipelines.features.SessionFeaturesJob;
import io.reelstream.tests.support.ClusterProcesses;
import io.reelstream.tests.support.SharedServices;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #18 on real processes: the shaded job jar deployed through REST to a standalone Flink
 * cluster (a JobManager and two TaskManagers, each its own JVM, configured from {@code
 * flink-conf/cluster}), with Kafka and Cassandra as in every ITCase. The session features job runs
 * across both TaskManagers, loses one to SIGKILL mid-stream, then is rescaled 2 → 3 → 1 through
 * stop-with-savepoint and redeploys while events keep coming; the stored rows must equal the
 * failure-free reference the other reliability ITCases use.
 */
class StandaloneClusterITCase {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneClusterITCase.class);

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    @RegisterExtension static final ClusterProcesses CLUSTER = new ClusterProcesses(2, 2);

    private static final int EVENTS = 2500;
    private static final Duration RUNNING = Duration.ofSeconds(90);
    private static final Duration SAVEPOINT = Duration.ofMinutes(2);

    @Test
    void sessionFeaturesSurviveATaskManagerKillAndRescalingTwoThreeOne() throws Exception {
        FeaturesScenario scenario = new FeaturesScenario(SERVICES, EVENTS);
        List<String> arguments = arguments(scenario.configuration());
        List<List<GeneratedRecord>> parts = quarters(scenario.events());
        FlinkJobDeployer deployer = CLUSTER.deployer();

        String job = deploy(arguments, 2, Optional.empty());
        scenario.send(scenario.catalog());
        scenario.awaitCatalogCheckpointed(Duration.ofSeconds(90));
        assertThat(CLUSTER.taskManagersOf(job))
                .as("subtasks of a parallelism-2 job on both TaskManagers")
                .hasSize(2);

        scenario.send(parts.get(0));
        FaultRecovery.awaitCommittedToEnd(
                SERVICES.bootstrapServers(),
                scenario.prefix + "session-features",
                scenario.topics.of(io.reelstream.generator.TopicKind.PLAYBACK),
                Duration.ofSeconds(90));
        scenario.send(parts.get(1)); // after the last checkpoint: replayed after the kill
        CLUSTER.cluster().killTaskManager(0);
        CLUSTER.cluster().startTaskManager(0);
        CLUSTER.cluster().awaitTaskManagers(2);
        CLUSTER.deployer().awaitRunning(job, RUNNING);
        assertThat(CLUSTER.restarts(job))
                .as("restarts after the SIGKILL")
                .isGreaterThanOrEqualTo(1);

        String savepoint = deployer.stopWithSavepoint(job, null, SAVEPOINT);
        job = deploy(arguments, 3, Optional.of(savepoint));
        scenario.send(parts.get(2));
        savepoint = deployer.stopWithSavepoint(job, null, SAVEPOINT);
        job = deploy(arguments, 1, Optional.of(savepoint));
        scenario.send(parts.get(3));

        Map<String, String> mismatches;
        try {
            mismatches = scenario.awaitReference(FeaturesScenario.DEADLINE);
        } finally {
            deployer.cancel(job);
        }
        LOG.info(
                "users {}, stored rows {}, mismatches {}",
                scenario.reference.activities().size(),
                scenario.storedRows(),
                mismatches.size());
        assertThat(scenario.reference.activities()).hasSizeGreaterThan(10);
        assertThat(mismatches).isEmpty();
        assertThat(scenario.storedRows()).isEqualTo(scenario.reference.activities().size());
    }

    private static String deploy(
            List<String> arguments, int parallelism, Optional<String> savepoint) throws Exception {
        String job =
                CLUSTER.deployer()
                        .run(
                                CLUSTER.jarId(),
                                new FlinkJobDeployer.Run(
                                        SessionFeaturesJob.class.getName(),
                                        arguments,
                                        parallelism,
                                        savepoint));
        CLUSTER.deployer().awaitRunning(job, RUNNING);
        LOG.info(
                "session features running as {} at parallelism {} from {}",
                job,
                parallelism,
                savepoint);
        return job;
    }

    /** The scenario's options, checkpoints every second, as {@code --key value} arguments. */
    private static List<String> arguments(Configuration scenario) {
        Configuration conf = new Configuration(scenario);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, Duration.ofMillis(200));
        return FlinkJobDeployer.programArguments(conf.toMap());
    }

    private static List<List<GeneratedRecord>> quarters(List<GeneratedRecord> events) {
        int size = events.size();
        List<List<GeneratedRecord>> parts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            parts.add(events.subList(size * i / 4, size * (i + 1) / 4));
        }
        return parts;
    }
}
