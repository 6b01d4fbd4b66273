package io.reelstream.tests.evolution;

import io.reelstream.engine.FlinkJobDeployer;
import io.reelstream.pipelines.continuewatching.ContinueWatchingJob;
import io.reelstream.pipelines.continuewatching.ContinueWatchingJobSettings;
import io.reelstream.pipelines.continuewatching.ContinueWatchingOptions;
import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.json.DecodeLimits;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.tests.continuewatching.ContinueWatchingTraffic;
import io.reelstream.tests.continuewatching.ContinueWatchingTraffic.Entry;
import io.reelstream.tests.support.ClusterProcesses;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.udfs.cassandra.CassandraSink;
import io.reelstream.udfs.continuewatching.CatalogTitle;
import io.reelstream.udfs.continuewatching.ContinueWatchingRowUpdate;
import io.reelstream.udfs.continuewatching.ContinueWatchingTable;
import io.reelstream.udfs.continuewatching.model.ContinueWatchingSettings;
import io.reelstream.udfs.continuewatching.model.InMemoryCatalog;
import io.reelstream.udfs.ingest.DeadLetterRecordSchema;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.ingest.KafkaSinks;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;
import org.apache.flink.util.StateMigrationException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Upgrading the continue-watching job across state schema changes, from the committed savepoints of
 * state schema v1 and v2 ({@code savepoints/continue-watching-v1} and {@code -v2}, taken by {@link
 * ContinueWatchingSavepointWriterITCase} with the code of each; each on topics of its own). v2
 * added {@code TitleProgress.completions} and {@code RowWriteClock} v2. On real Kafka and
 * Cassandra, MiniCluster with RocksDB, parallelism 2:
 *
 * <ul>
 *   <li>the current job restores the v1 and the v2 savepoint, reads the rest of the stream, and
 *       every row it writes equals the reference row of the whole stream (before and after the
 *       savepoint);
 *   <li>a key type change, or a row state redeclared with an incompatible type, fails the restore
 *       with a {@link StateMigrationException} and writes nothing.
 * </ul>
 */
class ContinueWatchingStateEvolutionITCase {

    private static final Logger LOG =
            LoggerFactory.getLogger(ContinueWatchingStateEvolutionITCase.class);

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    @RegisterExtension static final ClusterProcesses CLUSTER = new ClusterProcesses(2, 2);

    /** The max parallelism the committed fixtures were taken with. */
    private static final int FIXTURE_MAX_PARALLELISM = 128;

    /** Fixture versions whose topics this JVM has filled. */
    private static final Set<Integer> FILLED = new HashSet<>();

    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    /** A title of the fixture's catalog. */
    private static final String CATALOG_PROBE = "t-000028";

    @TempDir Path work;

    @ParameterizedTest(name = "state v{0}")
    @ValueSource(ints = {1, 2})
    void theCurrentJobRestoresTheSavepointWithEveryRowIntact(int stateVersion) throws Exception {
        List<FixtureRecord> input =
                FixtureRecord.load(ContinueWatchingSavepoints.LAYOUT.resource(stateVersion));
        fillTopicsOnce(input, stateVersion);
        String keyspace = ContinueWatchingSavepoints.migratedKeyspace(SERVICES);
        ContinueWatchingJobSettings options =
                ContinueWatchingSavepoints.options(SERVICES, stateVersion);

        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(restoringFrom(stateVersion));
        ContinueWatchingSavepoints.job(SERVICES, options, keyspace).build(env);
        JobClient job = env.executeAsync("continue-watching-restore-v" + stateVersion);
        ContinueWatchingSavepoints.awaitCaughtUp(
                SERVICES, job, List.of(options.playbackTopic(), options.catalogTopic()), TIMEOUT);
        // Drain: end of event time applies the pending events and flushes every row.
        job.stopWithSavepoint(
                        true,
                        work.resolve("after").toUri().toString(),
                        SavepointFormatType.CANONICAL)
                .get(3, TimeUnit.MINUTES);
        job.getJobExecutionResult().get(1, TimeUnit.MINUTES);

        assertEveryRowEqualsTheWholeStream(input, stateVersion, keyspace, options);
    }

    /**
     * Issue #18's upgrade on a real cluster: the job jar of this release, deployed through REST to
     * a standalone cluster (JobManager and TaskManagers as processes), restores the committed
     * savepoint of the previous release (state v2, before a state type gained fields and the layout
     * changed to v3), reads the rest of the stream and writes rows equal to the whole stream's, as
     * on the MiniCluster above.
     */
    @Test
    void theJobJarRestoresThePreviousReleasesSavepointOnAStandaloneCluster() throws Exception {
        int stateVersion = 2;
        List<FixtureRecord> input =
                FixtureRecord.load(ContinueWatchingSavepoints.LAYOUT.resource(stateVersion));
        fillTopicsOnce(input, stateVersion);
        String keyspace = ContinueWatchingSavepoints.migratedKeyspace(SERVICES);
        String group = ContinueWatchingSavepoints.GROUP_ID + "-cluster";
        Configuration conf = ContinueWatchingSavepoints.configuration(SERVICES, stateVersion);
        conf.set(IngestOptions.GROUP_ID, group);
        conf.addAll(ContinueWatchingSavepoints.cassandra(SERVICES, keyspace).toConfiguration());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        // The fixture was taken at max parallelism 128 (as flink-conf/local runs); the cluster
        // config's 4096 cannot restore it (Flink refuses: "Max parallelism mismatch"), so the
        // upgrade keeps the max parallelism of the state, as the runbook says it must.
        conf.set(PipelineOptions.MAX_PARALLELISM, FIXTURE_MAX_PARALLELISM);
        List<String> arguments = FlinkJobDeployer.programArguments(conf.toMap());
        Path savepoint =
                ContinueWatchingSavepoints.copyOfCommitted(
                        ContinueWatchingSavepoints.LAYOUT.resource(stateVersion), work);

        FlinkJobDeployer deployer = CLUSTER.deployer();
        String job =
                deployer.run(
                        CLUSTER.jarId(),
                        new FlinkJobDeployer.Run(
                                ContinueWatchingJob.class.getName(),
                                arguments,
                                2,
                                Optional.of(savepoint.toUri().toString())));
        ContinueWatchingJobSettings options = ContinueWatchingOptions.from(conf);
        ContinueWatchingSavepoints.awaitCaughtUp(
                SERVICES,
                () -> !"RUNNING".equals(deployer.state(job)),
                job,
                List.of(options.playbackTopic(), options.catalogTopic()),
                group,
                TIMEOUT);
        // Drain: end of event time applies the pending events and flushes every row.
        deployer.stopWithSavepoint(job, null, true, Duration.ofMinutes(3));
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!"FINISHED".equals(deployer.state(job)) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(deployer.state(job)).as("the drained job ends").isEqualTo("FINISHED");

        assertEveryRowEqualsTheWholeStream(input, stateVersion, keyspace, options);
    }

    /**
     * Every row written to {@code keyspace} equals the reference row of the whole stream (before
     * and after the savepoint), every row the records after the savepoint changed was written, and
     * some rows are right only with the restored state.
     */
    private static void assertEveryRowEqualsTheWholeStream(
            List<FixtureRecord> input,
            int stateVersion,
            String keyspace,
            ContinueWatchingJobSettings options) {
        Map<String, List<Entry>> written = cassandraRows(keyspace);
        ContinueWatchingSettings settings = options.settings();
        Map<String, List<Entry>> whole = referenceRows(input, stateVersion, p -> true, settings);
        Map<String, List<Entry>> beforeOnly =
                referenceRows(input, stateVersion, p -> p == 1, settings);
        Map<String, List<Entry>> afterOnly =
                referenceRows(input, stateVersion, p -> p == 2, settings);

        Map<String, List<Entry>> nonEmpty = new HashMap<>(written);
        nonEmpty.values().removeIf(List::isEmpty);
        Map<String, List<Entry>> expected = new HashMap<>(whole);
        expected.keySet().retainAll(nonEmpty.keySet());
        List<String> changedAfterSavepoint =
                whole.keySet().stream()
                        .filter(u -> !Objects.equals(whole.get(u), beforeOnly.get(u)))
                        .toList();
        long needRestoredState =
                nonEmpty.keySet().stream()
                        .filter(u -> !Objects.equals(whole.get(u), afterOnly.get(u)))
                        .count();
        LOG.info(
                "Restored v{}: {} rows written, {} changed after the savepoint, {} need state from"
                        + " before it",
                stateVersion,
                nonEmpty.size(),
                changedAfterSavepoint.size(),
                needRestoredState);

        for (String user : written.keySet()) {
            if (!Objects.equals(written.get(user), whole.getOrDefault(user, List.of()))) {
                LOG.warn(
                        "Row of {} differs: written {}, whole stream {}, before {}, after {}",
                        user,
                        written.get(user),
                        whole.get(user),
                        beforeOnly.get(user),
                        afterOnly.get(user));
            }
        }
        assertThat(whole.keySet()).as("no row for an unknown user").containsAll(nonEmpty.keySet());
        assertThat(nonEmpty).as("every row equals the whole stream's").isEqualTo(expected);
        assertThat(written.keySet())
                .as("every row the new records changed was written")
                .containsAll(changedAfterSavepoint);
        assertThat(needRestoredState)
                .as("rows that are right only with the restored state")
                .isGreaterThanOrEqualTo(3);
    }

    /**
     * The topics of a fixture hold what they held when the savepoint was taken, then the new
     * records: filled once per test JVM (every restore of the fixture reads them from its
     * savepoint's offsets).
     */
    private static synchronized void fillTopicsOnce(List<FixtureRecord> input, int stateVersion)
            throws Exception {
        ContinueWatchingSavepoints.createTopics(SERVICES, stateVersion);
        if (FILLED.add(stateVersion)) {
            assertTopicsEmpty(stateVersion);
            send(input, 1);
            send(input, 2);
        }
    }

    @Test
    void aKeyTypeChangeFailsTheRestoreLoudlyAndWritesNothing() throws Exception {
        String keyspace = ContinueWatchingSavepoints.migratedKeyspace(SERVICES);
        Throwable failure =
                restoreChanged(
                        keyspace,
                        (options, sink) ->
                                ChangedContinueWatchingJob.perProfile(
                                        options,
                                        ContinueWatchingSavepoints.source(
                                                SERVICES, options.playbackTopic()),
                                        ContinueWatchingSavepoints.source(
                                                SERVICES, options.catalogTopic()),
                                        sink,
                                        deadLetters(options)));

        assertThat(ExceptionUtils.findThrowable(failure, StateMigrationException.class))
                .as("restore fails with a state migration error")
                .hasValueSatisfying(e -> assertThat(e).hasMessageContaining("key serializer"));
        assertThat(cassandraRows(keyspace)).isEmpty();
    }

    @Test
    void anIncompatibleRowStateTypeFailsTheRestoreLoudlyAndWritesNothing() throws Exception {
        String keyspace = ContinueWatchingSavepoints.migratedKeyspace(SERVICES);
        Throwable failure =
                restoreChanged(
                        keyspace,
                        (options, sink) ->
                                ChangedContinueWatchingJob.rowAsBareList(
                                        options,
                                        ContinueWatchingSavepoints.source(
                                                SERVICES, options.playbackTopic()),
                                        ContinueWatchingSavepoints.source(
                                                SERVICES, options.catalogTopic()),
                                        sink,
                                        deadLetters(options)));

        assertThat(ExceptionUtils.findThrowable(failure, StateMigrationException.class))
                .as("restore fails with a state migration error")
                .hasValueSatisfying(
                        e ->
                                assertThat(e)
                                        .hasMessageContaining("state serializer")
                                        .hasMessageContaining("incompatible"));
        assertThat(cassandraRows(keyspace)).isEmpty();
    }

    /** How a changed job is built from the options and its row sink. */
    private interface ChangedJob {
        ChangedContinueWatchingJob build(
                ContinueWatchingJobSettings options, CassandraSink<ContinueWatchingRowUpdate> sink);
    }

    /** Restores v1 into a changed job; returns why it failed (fails the test if it did not). */
    private Throwable restoreChanged(String keyspace, ChangedJob changed) throws Exception {
        ContinueWatchingSavepoints.createTopics(SERVICES, 1);
        ContinueWatchingJobSettings options = ContinueWatchingSavepoints.options(SERVICES, 1);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(restoringFrom(1));
        changed.build(
                        options,
                        CassandraSink.builder(
                                        new ContinueWatchingTable(options.settings().maxEntries()))
                                .options(ContinueWatchingSavepoints.cassandra(SERVICES, keyspace))
                                .build())
                .build(env);
        JobClient job = env.executeAsync("continue-watching-changed");
        try {
            job.getJobExecutionResult().get(2, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            return e;
        } catch (TimeoutException e) {
            job.cancel().get(1, TimeUnit.MINUTES);
            return fail("the changed job started on the v1 savepoint instead of failing");
        }
        return fail("the changed job finished on the v1 savepoint instead of failing");
    }

    private static Sink<DeadLetter> deadLetters(ContinueWatchingJobSettings options) {
        return KafkaSinks.atLeastOnce(
                options.ingest(), new DeadLetterRecordSchema(options.deadLetterTopic()));
    }

    /** The cluster environment, restoring from a copy of the committed savepoint of a version. */
    private Configuration restoringFrom(int stateVersion) throws Exception {
        Configuration conf = ContinueWatchingSavepoints.environment(work.resolve("checkpoints"));
        Path copy =
                ContinueWatchingSavepoints.copyOfCommitted(
                        ContinueWatchingSavepoints.LAYOUT.resource(stateVersion), work);
        conf.set(StateRecoveryOptions.SAVEPOINT_PATH, copy.toUri().toString());
        return conf;
    }

    private static void send(List<FixtureRecord> input, int phase) {
        SERVICES.sendRecords(
                input.stream()
                        .filter(r -> r.phase() == phase)
                        .map(FixtureRecord::toProducerRecord)
                        .toList());
    }

    /**
     * The savepoint's offsets only fit topics that start out empty: each version has topics of its
     * own, restored once per test JVM.
     */
    private static void assertTopicsEmpty(int stateVersion) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SERVICES.bootstrapServers());
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < ContinueWatchingSavepoints.PLAYBACK_PARTITIONS; p++) {
            latest.put(
                    new TopicPartition(ContinueWatchingSavepoints.playbackTopic(stateVersion), p),
                    OffsetSpec.latest());
        }
        latest.put(
                new TopicPartition(ContinueWatchingSavepoints.catalogTopic(stateVersion), 0),
                OffsetSpec.latest());
        try (Admin admin = Admin.create(props)) {
            admin.listOffsets(latest)
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .forEach(
                            (tp, info) ->
                                    assertThat(info.offset())
                                            .as(
                                                    tp
                                                            + " must start empty: run the savepoint"
                                                            + " writer in a JVM of its own")
                                            .isZero());
        }
    }

    /** Reference rows (non-empty only) of the playback events of the selected phases. */
    private static Map<String, List<Entry>> referenceRows(
            List<FixtureRecord> input,
            int stateVersion,
            Predicate<Integer> phases,
            ContinueWatchingSettings settings) {
        DecodeLimits limits =
                ContinueWatchingSavepoints.options(SERVICES, stateVersion).ingest().decodeLimits();
        var playbackDecoder = EventCodecs.playbackDecoder(limits);
        var catalogDecoder = EventCodecs.catalogDecoder(limits);
        InMemoryCatalog catalog = new InMemoryCatalog();
        Map<String, List<PlaybackEvent>> byUser = new HashMap<>();
        long last = Long.MIN_VALUE;
        for (FixtureRecord record : input) {
            RawRecord raw =
                    new RawRecord(
                            record.topic(),
                            record.partition(),
                            0,
                            record.timestamp(),
                            record.key().getBytes(StandardCharsets.UTF_8),
                            record.value().getBytes(StandardCharsets.UTF_8));
            long now = System.currentTimeMillis();
            if (record.topic().equals(ContinueWatchingSavepoints.catalogTopic(stateVersion))) {
                if (catalogDecoder.decode(raw, now) instanceof DecodeResult.Ok<CatalogRecord> ok) {
                    catalog.put(CatalogTitle.of(ok.value()));
                }
            } else if (phases.test(record.phase())
                    && playbackDecoder.decode(raw, now)
                            instanceof DecodeResult.Ok<PlaybackEvent> ok) {
                byUser.computeIfAbsent(ok.value().userId(), u -> new ArrayList<>()).add(ok.value());
                last = Math.max(last, ok.value().eventTime());
            }
        }
        assertThat(catalog.title(CATALOG_PROBE)).as("the reference knows the catalog").isNotNull();
        return ContinueWatchingTraffic.referenceRows(byUser, catalog, settings, last + 1);
    }

    private static Map<String, List<Entry>> cassandraRows(String keyspace) {
        return ContinueWatchingTraffic.cassandraRows(SERVICES, keyspace);
    }
}
