package io.reelstream.tests.evolution;

import io.reelstream.generator.GeneratedRecord;
import io.reelstream.generator.GeneratorConfig;
import io.reelstream.generator.TopicKind;
import io.reelstream.generator.TrafficGenerator;
import io.reelstream.tests.support.SharedServices;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes the continue-watching savepoint fixture of the current state schema version ({@code
 * ContinueWatchingSavepoints.CURRENT_STATE_VERSION}): the real job on real Kafka and Cassandra
 * (MiniCluster, RocksDB, parallelism 2) reads phase 1 of a generated stream on the version's fixed
 * topics, is stopped with a canonical savepoint, and the savepoint plus the whole input (both
 * phases) are copied into {@code src/test/resources/savepoints/continue-watching-v<version>/}.
 * Disabled unless {@code -Dreelstream.savepoints.regenerate=true}: a committed savepoint stands for
 * a released state schema, so it is only rewritten with the code of the release it represents (see
 * docs/state-evolution.md), in a run of its own:
 *
 * <pre>
 * mvn -B verify -pl tests -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.failIfNoSpecifiedTests=false -Dit.test=ContinueWatchingSavepointWriterITCase \
 *     -Dreelstream.savepoints.regenerate=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "reelstream.savepoints.regenerate", matches = "true")
class ContinueWatchingSavepointWriterITCase {

    private static final Logger LOG =
            LoggerFactory.getLogger(ContinueWatchingSavepointWriterITCase.class);

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    static final long START = Instant.parse("2026-11-01T18:00:00Z").toEpochMilli();
    static final long PHASE_TWO_FROM = START + Duration.ofMinutes(60).toMillis();
    static final long END = START + Duration.ofMinutes(120).toMillis();

    @TempDir Path work;

    @Test
    void writeTheSavepointOfTheCurrentStateVersionAndItsInput() throws Exception {
        int version = ContinueWatchingSavepoints.CURRENT_STATE_VERSION;
        List<FixtureRecord> input = generate(version);
        List<FixtureRecord> phaseOne = input.stream().filter(r -> r.phase() == 1).toList();
        assertThat(phaseOne).isNotEmpty().hasSizeLessThan(input.size());
        ContinueWatchingSavepoints.createTopics(SERVICES, version);
        SERVICES.sendRecords(phaseOne.stream().map(FixtureRecord::toProducerRecord).toList());
        String keyspace = ContinueWatchingSavepoints.migratedKeyspace(SERVICES);
        var options = ContinueWatchingSavepoints.options(SERVICES, version);

        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        ContinueWatchingSavepoints.environment(work.resolve("checkpoints")));
        ContinueWatchingSavepoints.job(SERVICES, options, keyspace).build(env);
        JobClient job = env.executeAsync("continue-watching-savepoint-writer");
        ContinueWatchingSavepoints.awaitCaughtUp(
                SERVICES,
                job,
                List.of(options.playbackTopic(), options.catalogTopic()),
                Duration.ofMinutes(3));
        String savepoint =
                ContinueWatchingSavepoints.stopKeepingState(job, work.resolve("savepoints"));

        long rows;
        try (CqlSession session = SERVICES.newSession(keyspace)) {
            rows = session.execute("SELECT count(*) FROM continue_watching").one().getLong(0);
        }
        assertThat(rows).as("phase 1 wrote rows: the state is not trivial").isGreaterThan(10);
        Path target = ContinueWatchingSavepoints.LAYOUT.sourceFolder(version).toAbsolutePath();
        long bytes =
                copySavepoint(Path.of(java.net.URI.create(savepoint)), target.resolve("savepoint"));
        FixtureRecord.write(target, input);
        LOG.info(
                "Wrote {} ({} bytes of savepoint, {} input records, {} in phase 1, {} rows)",
                target,
                bytes,
                input.size(),
                phaseOne.size(),
                rows);
        assertThat(bytes).as("keep the fixture small").isLessThan(1_000_000);
    }

    /**
     * Two hours of valid playback and catalog traffic of 100 members and 60 titles, in two phases,
     * on the topics of the fixture of {@code version} (the same records for every version).
     */
    static List<FixtureRecord> generate(int version) {
        TrafficGenerator generator =
                new TrafficGenerator(
                        GeneratorConfig.builder()
                                .seed(9)
                                .users(100)
                                .titles(60)
                                .startMillis(START)
                                .speedUp(600)
                                .malformedShare(0)
                                .build());
        List<FixtureRecord> records = new ArrayList<>();
        int phase = 1;
        while (true) {
            GeneratedRecord record = generator.next();
            boolean catalog = record.kind() == TopicKind.CATALOG;
            if (!catalog && record.eventTime() >= END) {
                return records;
            }
            if (!catalog && record.kind() != TopicKind.PLAYBACK) {
                continue;
            }
            if (!catalog && record.eventTime() >= PHASE_TWO_FROM) {
                phase = 2;
            }
            String key = record.key() == null ? "" : record.key();
            records.add(
                    new FixtureRecord(
                            phase,
                            catalog
                                    ? ContinueWatchingSavepoints.catalogTopic(version)
                                    : ContinueWatchingSavepoints.playbackTopic(version),
                            catalog
                                    ? 0
                                    : Math.floorMod(
                                            key.hashCode(),
                                            ContinueWatchingSavepoints.PLAYBACK_PARTITIONS),
                            record.eventTime(),
                            key,
                            new String(record.value(), StandardCharsets.UTF_8)));
        }
    }

    /** Replaces {@code target} with the savepoint's files; returns their total size. */
    static long copySavepoint(Path savepoint, Path target) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(target);
        long bytes = 0;
        try (Stream<Path> files = Files.walk(savepoint)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path to = target.resolve(savepoint.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
                bytes += Files.size(file);
            }
        }
        return bytes;
    }
}
