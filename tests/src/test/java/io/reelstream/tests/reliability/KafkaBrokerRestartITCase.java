package io.reelstream.tests.reliability;

import io.reelstream.generator.GeneratedRecord;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.tests.support.TestFlinkCluster;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #9, fault 3: the Kafka broker stops and starts again (same port, same log directory) while
 * the session features job consumes its topics. Half of the input is produced before the restart,
 * the rest after; the job keeps running (or recovers by itself) and afterwards every user's row
 * equals the reference: no event skipped, none counted twice.
 */
class KafkaBrokerRestartITCase {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerRestartITCase.class);

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    @RegisterExtension static final MiniClusterExtension FLINK = TestFlinkCluster.twoSlots();

    private static final int EVENTS = 2500;
    private static final Duration DOWN = Duration.ofSeconds(5);

    @Test
    void shouldResumeFromItsOffsetsAfterABrokerRestartWithoutSkippingOrDoubling(
            @TempDir Path checkpoints) throws Exception {
        FeaturesScenario scenario = new FeaturesScenario(SERVICES, EVENTS);
        List<GeneratedRecord> events = scenario.events();
        int half = events.size() / 2;

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(FeaturesScenario.faultTolerance(checkpoints, Duration.ofSeconds(1)));
        env.setParallelism(2);
        scenario.job(source -> source).build(env);
        JobClient job = env.executeAsync("kafka-broker-restart-itcase");
        Map<String, String> mismatches;
        JobStatus statusAfterRestart;
        long rowsBeforeRestart;
        try {
            scenario.send(scenario.catalog());
            scenario.awaitCatalogCheckpointed(Duration.ofSeconds(60));
            scenario.send(events.subList(0, half));
            rowsBeforeRestart = awaitRows(scenario, 5, Duration.ofSeconds(90));
            restartBroker();
            scenario.sendWithoutIdempotence(events.subList(half, events.size()));
            mismatches = scenario.awaitReference(FeaturesScenario.DEADLINE);
            statusAfterRestart = job.getJobStatus().get(10, TimeUnit.SECONDS);
        } finally {
            SERVICES.kafka().start();
            job.cancel().get();
        }

        LOG.info("rows before the broker restart {}", rowsBeforeRestart);
        assertThat(rowsBeforeRestart).as("the job consumed before the restart").isPositive();
        assertThat(statusAfterRestart).isEqualTo(JobStatus.RUNNING);
        assertThat(mismatches).isEmpty();
        assertThat(scenario.storedRows()).isEqualTo(scenario.reference.activities().size());
    }

    /** Stops the broker (controlled shutdown), leaves it down a moment, starts it again. */
    private static void restartBroker() throws InterruptedException {
        int port = SERVICES.kafka().brokerPort();
        SERVICES.kafka().stop();
        LOG.info("Kafka stopped; down for {}", DOWN);
        Thread.sleep(DOWN.toMillis());
        SERVICES.kafka().start();
        assertThat(SERVICES.kafka().brokerPort()).isEqualTo(port);
        LOG.info("Kafka started again on port {}", port);
    }

    private static long awaitRows(FeaturesScenario scenario, long atLeast, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long rows = 0;
        while (rows < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(500);
            rows = scenario.storedRows();
        }
        return rows;
    }
}
