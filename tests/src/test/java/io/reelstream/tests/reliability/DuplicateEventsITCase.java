package io.reelstream.tests.reliability;

import io.reelstream.generator.GeneratedRecord;
import io.reelstream.generator.TopicKind;
import io.reelstream.tests.features.SessionFeaturesReference;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.tests.support.TestFlinkCluster;
import io.reelstream.udfs.features.UserSessionFeatureFunction;

import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #9, fault 4: every record arrives twice (producer retries), and a fifth of the events once
 * more after everything else (a replay). The session features job drops the copies by event id and
 * stores exactly what a single delivery gives (the reference): same users, same counts and vectors.
 * Every copy of a valid event is refused: as a duplicate while its id is remembered (within the
 * allowed lateness), as a late event after that, so dropped duplicates plus late activities equal
 * the copies sent (the reference counts every original, so no original was late).
 */
class DuplicateEventsITCase {

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestFlinkCluster.twoSlotsReportingTo(REPORTER);

    private static final int EVENTS = 2500;

    @Test
    void shouldStoreTheSameFeaturesAsASingleDeliveryWhenEventsArriveTwiceAndAreReplayed(
            @TempDir Path checkpoints) throws Exception {
        FeaturesScenario scenario = new FeaturesScenario(SERVICES, EVENTS);
        List<GeneratedRecord> records = scenario.records;
        List<GeneratedRecord> events = scenario.events();
        List<GeneratedRecord> replay = events.subList(0, events.size() / 5);
        long validCopies = countedEvents(records) + countedEvents(replay);
        assertThat(sensitiveToDuplicates(scenario, twice(records)))
                .as("without dedupe, duplicates would change some user's features")
                .isTrue();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(FeaturesScenario.faultTolerance(checkpoints, Duration.ofSeconds(1)));
        env.setParallelism(2);
        scenario.job(source -> source).build(env);
        JobClient job = env.executeAsync("duplicate-events-itcase");
        Map<String, String> afterCopies;
        Map<String, String> afterReplay;
        long dropped;
        try {
            scenario.send(twice(scenario.catalog()));
            scenario.awaitCatalogCheckpointed(Duration.ofSeconds(60));
            scenario.send(twice(events));
            afterCopies = scenario.awaitReference(FeaturesScenario.DEADLINE);
            scenario.send(replay);
            dropped = awaitDropped(job.getJobID(), validCopies, FeaturesScenario.DEADLINE);
            afterReplay = scenario.awaitReference(Duration.ofSeconds(5));
        } finally {
            job.cancel().get();
        }

        assertThat(afterCopies).as("after every record twice").isEmpty();
        assertThat(dropped).as("duplicates dropped plus late copies").isEqualTo(validCopies);
        assertThat(afterReplay).as("after the replay").isEmpty();
        assertThat(scenario.storedRows()).isEqualTo(scenario.reference.activities().size());
    }

    /** Every record twice in a row, as a retrying producer sends it. */
    private static List<GeneratedRecord> twice(List<GeneratedRecord> records) {
        List<GeneratedRecord> twice = new ArrayList<>();
        for (GeneratedRecord r : records) {
            twice.add(r);
            twice.add(r);
        }
        return twice;
    }

    /** Valid playback and search events: what the job counts and the dedupe sees. */
    private static long countedEvents(List<GeneratedRecord> records) {
        return records.stream()
                .filter(GeneratedRecord::isValid)
                .filter(r -> r.kind() == TopicKind.PLAYBACK || r.kind() == TopicKind.SEARCH)
                .count();
    }

    /** Whether a reference fed every record twice differs from the single-delivery one. */
    private static boolean sensitiveToDuplicates(
            FeaturesScenario scenario, List<GeneratedRecord> twice) throws Exception {
        SessionFeaturesReference doubled = new SessionFeaturesReference(twice);
        for (String user : scenario.reference.activities().keySet()) {
            long asOf = scenario.reference.lastEventTime(user);
            if (!doubled.vector(user, asOf).equals(scenario.reference.vector(user, asOf))) {
                return true;
            }
        }
        return false;
    }

    private static long awaitDropped(JobID jobId, long expected, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long dropped = dropped(jobId);
        while (dropped < expected && System.nanoTime() < deadline) {
            Thread.sleep(500);
            dropped = dropped(jobId);
        }
        Thread.sleep(1000);
        return dropped(jobId);
    }

    /** Copies refused: dropped as duplicates, or too late to count once their id is forgotten. */
    private static long dropped(JobID jobId) {
        return counter(jobId, UserSessionFeatureFunction.DUPLICATES_DROPPED)
                + counter(jobId, UserSessionFeatureFunction.LATE_COUNTER);
    }

    private static long counter(JobID jobId, String suffix) {
        return REPORTER.findMetrics(jobId, suffix).entrySet().stream()
                .filter(e -> e.getKey().endsWith(suffix) && e.getValue() instanceof Counter)
                .mapToLong(e -> ((Counter) e.getValue()).getCount())
                .sum();
    }
}
