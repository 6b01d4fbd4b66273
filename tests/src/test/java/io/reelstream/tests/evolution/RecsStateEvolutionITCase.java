package io.reelstream.tests.evolution;

import io.reelstream.tests.recs.RecsScenario;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.udfs.ranker.CandidateSource;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrading the recommendation job from the committed savepoints of its state schemas v1 ({@code
 * savepoints/recs-v1}, written by {@link RecsSavepointWriterITCase} with the code of commit
 * 3490199) and v2 ({@code savepoints/recs-v2}, the code of commit 3d5c707, the release before the
 * successors of state v3). On real Kafka and Cassandra, MiniCluster with RocksDB, parallelism 2:
 * the fixture's topics are refilled (phase 1 with the item-factor replica at its offsets, then
 * phase 2), the current job restores the savepoint and reads phase 2. Every member with an
 * interaction after the savepoint gets factors and a new list, and no such list recommends a show
 * the member watched only before the savepoint: that history lives only in the restored {@code
 * user-model} state, since the job reads playback from phase 2 on where nothing is restored (a job
 * started empty recommends those shows; checked by hand once). Only continue watching may list such
 * a show: it proposes the member's shows in progress, and from the v2 savepoint on ({@code
 * member-activity}) it must list some that only the restored state knows.
 */
class RecsStateEvolutionITCase {

    private static final Logger LOG = LoggerFactory.getLogger(RecsStateEvolutionITCase.class);

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    @TempDir Path work;

    @ParameterizedTest(name = "state v{0}")
    @ValueSource(ints = {1, 2})
    void theCurrentJobRestoresTheSavepointAndStillExcludesWhatMembersWatchedBefore(int stateVersion)
            throws Exception {
        String resource = RecsSavepoints.LAYOUT.resource(stateVersion);
        List<FixtureRecord> input = FixtureRecord.load(resource);
        RecsSavepoints.createTopics(SERVICES, stateVersion);
        // The topics hold what they held when the savepoint was taken, then the new records.
        SERVICES.sendRecords(records(input, 1));
        SERVICES.sendRecords(records(input, 2));
        String keyspace = ContinueWatchingSavepoints.migratedKeyspace(SERVICES);
        var options = RecsSavepoints.options(SERVICES, stateVersion);

        Configuration conf = ContinueWatchingSavepoints.environment(work.resolve("checkpoints"));
        Path savepoint = ContinueWatchingSavepoints.copyOfCommitted(resource, work);
        conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        // Where no offsets are restored, playback starts at phase 2: phase 1 is known only from
        // the savepoint.
        RecsSavepoints.job(
                        SERVICES,
                        options,
                        keyspace,
                        RecsSavepoints.phaseTwoStart(input, stateVersion))
                .build(env);
        JobClient job = env.executeAsync("recs-restore-v" + stateVersion);
        try {
            RecsSavepoints.awaitSettled(
                    SERVICES, job, stateVersion, keyspace, Duration.ofMinutes(4));
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
        }

        var rules = options.settings().engagement();
        Map<String, Set<String>> before =
                RecsFixtureInteractions.ended(input, stateVersion, 1, rules);
        Map<String, Set<String>> after =
                RecsFixtureInteractions.ended(input, stateVersion, 2, rules);
        Map<String, Set<String>> playedAfter =
                RecsFixtureInteractions.played(input, stateVersion, 2);
        Map<String, Set<String>> onlyBefore = new TreeMap<>();
        for (String member : after.keySet()) {
            Set<String> shows = new TreeSet<>(before.getOrDefault(member, Set.of()));
            shows.removeAll(playedAfter.get(member));
            if (!shows.isEmpty()) {
                onlyBefore.put(member, shows);
            }
        }
        // A show only continue watching proposes is the member's own show in progress; every other
        // source excludes what the member watched.
        String continueWatching = CandidateSource.CONTINUE_WATCHING.storedName();
        Map<String, List<String>> lists = new TreeMap<>();
        Map<String, List<String>> inProgress = new TreeMap<>();
        try (CqlSession session = SERVICES.newSession(keyspace)) {
            for (String member : after.keySet()) {
                List<Row> rows = RecsScenario.newestRows(session, member);
                if (!rows.isEmpty()) {
                    lists.put(member, rows.stream().map(r -> r.getString("show_id")).toList());
                }
                inProgress.put(
                        member,
                        rows.stream()
                                .filter(
                                        r ->
                                                r.getSet("sources", String.class)
                                                        .equals(Set.of(continueWatching)))
                                .map(r -> r.getString("show_id"))
                                .toList());
            }
        }
        List<String> recommendedAgain = new ArrayList<>();
        List<String> resumed = new ArrayList<>();
        onlyBefore.forEach(
                (member, shows) -> {
                    List<String> again =
                            lists.getOrDefault(member, List.of()).stream()
                                    .filter(shows::contains)
                                    .filter(show -> !inProgress.get(member).contains(show))
                                    .toList();
                    if (!again.isEmpty()) {
                        recommendedAgain.add(member + " watched " + shows + ", listed " + again);
                    }
                    inProgress.get(member).stream()
                            .filter(shows::contains)
                            .forEach(show -> resumed.add(member + " " + show));
                });
        LOG.info(
                "Restored v{}: {} members active after the savepoint, {} with lists, {} of them"
                        + " with shows watched only before it: {}",
                stateVersion,
                after.size(),
                lists.size(),
                onlyBefore.size(),
                onlyBefore);

        assertThat(onlyBefore)
                .as("members active after the savepoint with shows only the restored state knows")
                .hasSizeGreaterThanOrEqualTo(5);
        Set<String> replicaShows =
                input.stream()
                        .filter(r -> r.topic().equals(RecsSavepoints.replicaTopic(stateVersion)))
                        .map(FixtureRecord::key)
                        .collect(Collectors.toSet());
        assertThat(replicaShows)
                .as("shows in the restored replica: those watched only before can be listed")
                .containsAll(onlyBefore.values().stream().flatMap(Set::stream).distinct().toList());
        assertThat(RecsSavepoints.factorsWritten(SERVICES, keyspace).keySet())
                .as("members whose factors were written after the restore")
                .isEqualTo(after.keySet());
        assertThat(lists.keySet())
                .as("members with a list written after the restore")
                .isEqualTo(after.keySet());
        assertThat(recommendedAgain)
                .as("lists that recommend a show the member watched before the savepoint")
                .isEmpty();
        LOG.info(
                "Restored v{}: shows in progress from before the savepoint: {}",
                stateVersion,
                resumed);
        if (stateVersion >= 2) {
            // member-activity (state v2) holds the shows in progress: only the restored state
            // knows those watched only before the savepoint
            assertThat(resumed)
                    .as("shows in progress from before the savepoint, listed to continue watching")
                    .isNotEmpty();
        }
    }

    /** The fixture's records of {@code phase} (on the fixture's own topics). */
    private static List<ProducerRecord<byte[], byte[]>> records(
            List<FixtureRecord> input, int phase) {
        return input.stream()
                .filter(r -> r.phase() == phase)
                .map(FixtureRecord::toProducerRecord)
                .toList();
    }
}
