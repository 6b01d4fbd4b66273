package io.reelstream.tests.evolution;

import io.reelstream.tests.support.SharedServices;

import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes the recommendation job's savepoint fixture of the current state schema version ({@code
 * RecsSavepoints.CURRENT_STATE_VERSION}): the real job on real Kafka and Cassandra (MiniCluster,
 * RocksDB, parallelism 2, its item-factor replica looping through Kafka) reads the catalog, then
 * phase 1 of the playback, settles, and is stopped with a canonical savepoint; the savepoint, the
 * whole generated input and the replica topic as the job left it are copied into {@code
 * src/test/resources/savepoints/recs-v<version>/}. Disabled unless {@code
 * -Dreelstream.savepoints.regenerate=true}; run only with the code of the release the fixture
 * stands for (docs/state-evolution.md), in a run of its own (the topics must start empty):
 *
 * <pre>
 * mvn -B verify -pl tests -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=RecsSavepointWriterITCase \
 *     -Dreelstream.savepoints.regenerate=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "reelstream.savepoints.regenerate", matches = "true")
class RecsSavepointWriterITCase {

    private static final Logger LOG = LoggerFactory.getLogger(RecsSavepointWriterITCase.class);

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    @TempDir Path work;

    @Test
    void writeTheSavepointOfTheCurrentStateVersionAndItsInput() throws Exception {
        int version = RecsSavepoints.CURRENT_STATE_VERSION;
        List<FixtureRecord> generated = RecsSavepoints.generate(version);
        String catalogTopic = RecsSavepoints.catalogTopic(version);
        List<FixtureRecord> catalog =
                generated.stream().filter(r -> r.topic().equals(catalogTopic)).toList();
        List<FixtureRecord> playbackOne =
                generated.stream()
                        .filter(r -> r.phase() == 1 && !r.topic().equals(catalogTopic))
                        .toList();
        assertThat(catalog).isNotEmpty().allMatch(r -> r.phase() == 1);
        assertThat(playbackOne).isNotEmpty().hasSizeLessThan(generated.size() - catalog.size());
        RecsSavepoints.createTopics(SERVICES, version);
        String keyspace = ContinueWatchingSavepoints.migratedKeyspace(SERVICES);
        var options = RecsSavepoints.options(SERVICES, version);

        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        ContinueWatchingSavepoints.environment(work.resolve("checkpoints")));
        RecsSavepoints.job(SERVICES, options, keyspace, OffsetsInitializer.earliest()).build(env);
        SERVICES.sendRecords(catalog.stream().map(FixtureRecord::toProducerRecord).toList());
        JobClient job = env.executeAsync("recs-savepoint-writer");
        // The catalog first: every interaction then rolls its episode up to the show.
        ContinueWatchingSavepoints.awaitCaughtUp(
                SERVICES,
                job,
                List.of(catalogTopic),
                RecsSavepoints.GROUP_ID,
                Duration.ofMinutes(3));
        SERVICES.sendRecords(playbackOne.stream().map(FixtureRecord::toProducerRecord).toList());
        RecsSavepoints.awaitSettled(SERVICES, job, version, keyspace, Duration.ofMinutes(4));
        String savepoint =
                ContinueWatchingSavepoints.stopKeepingState(job, work.resolve("savepoints"));

        Set<String> learned =
                RecsFixtureInteractions.ended(
                                generated, version, 1, options.settings().engagement())
                        .keySet();
        Set<String> withFactors = RecsSavepoints.factorsWritten(SERVICES, keyspace).keySet();
        Set<String> withLists = new HashSet<>();
        try (CqlSession session = SERVICES.newSession(keyspace)) {
            session.execute("SELECT DISTINCT user_id FROM recommendations")
                    .forEach(row -> withLists.add(row.getString("user_id")));
        }
        assertThat(learned).as("members with interactions in phase 1").hasSizeGreaterThan(20);
        assertThat(withFactors).as("members with learned factors").isEqualTo(learned);
        assertThat(withLists).as("members with recommendations").isEqualTo(learned);
        List<FixtureRecord> replica = RecsSavepoints.replicaRecords(SERVICES, version);
        assertThat(replica).as("the item-factor replica the job published").hasSizeGreaterThan(20);

        List<FixtureRecord> input = new ArrayList<>(generated);
        input.addAll(replica);
        Path target = RecsSavepoints.LAYOUT.sourceFolder(version).toAbsolutePath();
        long bytes =
                ContinueWatchingSavepointWriterITCase.copySavepoint(
                        Path.of(URI.create(savepoint)), target.resolve("savepoint"));
        FixtureRecord.write(target, input);
        LOG.info(
                "Wrote {} ({} bytes of savepoint, {} input records, {} of phase 1 playback, {}"
                        + " replica records, {} members with factors)",
                target,
                bytes,
                input.size(),
                playbackOne.size(),
                replica.size(),
                withFactors.size());
        assertThat(bytes).as("keep the fixture small").isLessThan(2_000_000);
    }
}
