package io.reelstream.tests.recs;

import io.reelstream.generator.GeneratedRecord;
import io.reelstream.pipelines.recs.RecsJobSettings;
import io.reelstream.pipelines.recs.RecsOptions;
import io.reelstream.schemas.TopicNames;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.tests.support.JobHealth;
import io.reelstream.tests.support.KafkaProgress;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.tests.support.ShippedStateBackend;
import io.reelstream.tests.support.TestFlinkCluster;
import io.reelstream.training.RankerModelPublisher;
import io.reelstream.training.RankerTraining;
import io.reelstream.training.RankerTrainingParams;
import io.reelstream.training.TrainingLogReader;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.ingest.KafkaSources;
import io.reelstream.udfs.ranker.RankerFeatures;
import io.reelstream.udfs.recs.RankCandidatesFunction;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The hybrid recommendations end to end on real Kafka and Cassandra (MiniCluster, RocksDB,
 * parallelism 2, Kryo disabled): after two days of clustered generator traffic, every active
 * member's served list mixes candidates of several sources, ordered by the fixed blend; the
 * training log's Parquet files appear, are readable, and each row's label is exactly what the
 * member watched in its horizon after the decision (and its features know nothing the member did
 * after it); a ranker trained from that log and published to the model topic then orders the lists
 * of the running job, without a restart.
 */
class HybridRecommendationsITCase {

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestFlinkCluster.twoSlotsReportingTo(REPORTER);

    /**
     * The labels' horizon. The scenario's traffic spans about 12 h of event time and a decision's
     * rows leave only when the watermark has passed its horizon, so a short horizon leaves most of
     * the decisions closable once the traffic is read.
     */
    private static final Duration HORIZON = Duration.ofHours(2);

    private static final Duration DEADLINE = Duration.ofSeconds(150);

    /**
     * The training log waits for the labels' horizon to pass in event time and for checkpoints to
     * finish its files: under the load of a full CI run on 2 cores 150 s gave 48 of 50 decisions
     * (session 20), so it gets longer.
     */
    private static final Duration TRAINING_LOG_DEADLINE = Duration.ofSeconds(300);

    /**
     * How many decisions are enough once the log stops growing (the traffic is read and every
     * closable decision logged). How many the job makes depends on timing: a member's candidates
     * are coalesced in processing time, so a faster catch-up makes fewer decisions (a CI run logged
     * 31 with a 6 h horizon, a run alone 133 to 473).
     */
    private static final int MIN_DECISIONS = 20;

    /** The log has stopped growing when no decision was added for this long. */
    private static final Duration SETTLED = Duration.ofSeconds(12);

    @TempDir Path work;

    @Test
    void servesMixedSourcesLogsPointInTimeRowsAndSwapsToATrainedRankerWhileRunning()
            throws Exception {
        RecsScenario scenario = new RecsScenario(SERVICES, 400_000);
        Path log = work.resolve("training-log");
        Configuration conf = scenario.configuration(SERVICES, scenario.prefix + "hybrid");
        conf.set(RecsOptions.TRAINING_LOG_PATH, log.toUri().toString());
        conf.set(RecsOptions.TRAINING_LOG_HORIZON, HORIZON);
        // The job's watermarks are generated per source subtask after decoding, not per Kafka
        // partition: in a catch-up, a subtask reading two playback partitions interleaves them by
        // fetch, hours of event time apart, so an event of the slower one may trail the watermark
        // by that much (its playback would time out early, and the job's interactions would
        // differ from the reference's). One playback partition per subtask keeps every event on
        // time, so the exact comparison below tests the labeller.
        String playbackTopic = SERVICES.createTopic(scenario.prefix + "playback-by-subtask", 2);
        conf.set(RecsOptions.PLAYBACK_TOPIC, playbackTopic);
        RecsJobSettings options = RecsOptions.from(conf);
        SERVICES.sendRecords(scenario.producerRecords(scenario.catalog));

        JobClient job = start(scenario, options);
        try (CqlSession session = SERVICES.newSession(scenario.keyspace)) {
            // Every show is known before the first interaction: episodes roll up to their series
            // as the reference rolls them up.
            KafkaProgress.awaitCommittedToEnd(
                    SERVICES.bootstrapServers(),
                    options.ingest().groupId(),
                    options.catalogTopic(),
                    Duration.ofSeconds(60));
            SERVICES.sendRecords(to(playbackTopic, scenario.producerRecords(scenario.playback)));
            scenario.awaitLists(session, DEADLINE);
            JobHealth.assertRunning(job, "the lists");
            for (String member : scenario.active) {
                List<Row> list = RecsScenario.newestRows(session, member);
                Set<String> sources = new HashSet<>();
                list.forEach(r -> sources.addAll(r.getSet("sources", String.class)));
                assertThat(sources).as("sources of " + member + "'s list").hasSizeGreaterThan(1);
                assertThat(list.get(0).getString("ranker")).isEqualTo(RankCandidatesFunction.BLEND);
                assertThat(list.get(0).getInt("row_v")).isEqualTo(2);
            }

            List<TrainingLogReader.Decision> decisions = awaitTrainingLog(job, log);
            assertPointInTime(decisions, scenario, options);

            RankerTraining.Result model =
                    RankerTraining.run(
                            TrainingLogReader.examples(decisions),
                            RankerTrainingParams.defaults(),
                            0.2,
                            10);
            long restartsBeforeSwap = restarts(job);
            RankerModelPublisher.publish(
                    SERVICES.bootstrapServers(),
                    options.rankerModelsTopic(),
                    RankerModelPublisher.update(
                            model.version(), model.modelJson(), System.currentTimeMillis()));
            SERVICES.sendRecords(
                    to(playbackTopic, scenario.producerRecords(moreTraffic(scenario, 40_000))));

            String served = awaitRankedBy(job, session, scenario, model.version());
            long restarts = restarts(job);
            System.out.printf(
                    "[hybrid-itcase] %d decisions logged, model %s trained on them serves %s;"
                            + " job restarts %d%n%s",
                    decisions.size(),
                    model.version(),
                    served,
                    restarts,
                    JobHealth.progress(FLINK.getClientConfiguration(), job.getJobID()));
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            assertThat(restarts)
                    .as("restarts between publishing the model and serving with it")
                    .isEqualTo(restartsBeforeSwap);
        } finally {
            job.cancel().get();
        }
    }

    /**
     * Every logged row's label equals the label rule applied to the member's real interactions in
     * {@code (decidedAt, decidedAt + horizon]}, and the member-titles feature counts no show the
     * member first watched after the decision.
     */
    private static void assertPointInTime(
            List<TrainingLogReader.Decision> decisions,
            RecsScenario scenario,
            RecsJobSettings options) {
        MemberTimelines timelines =
                new MemberTimelines(
                        scenario.playback, scenario.generator.catalog(), options.settings());
        int rows = 0;
        int positives = 0;
        int inProgressRows = 0;
        int catalogRows = 0;
        int successorRows = 0;
        Map<String, Long> listedAt = listingDates(scenario.catalog);
        for (TrainingLogReader.Decision d : decisions) {
            assertThat(d.labelClosedAt() - d.decidedAt()).isEqualTo(HORIZON.toMillis());
            for (int r = 0; r < d.showIds().size(); r++) {
                float expected =
                        timelines.label(
                                d.memberId(), d.showIds().get(r), d.decidedAt(), d.labelClosedAt());
                assertThat(d.labels().get(r))
                        .as(
                                "label of %s in decision %s at %d, closed at %d; plays %s",
                                d.showIds().get(r),
                                d.id(),
                                d.decidedAt(),
                                d.labelClosedAt(),
                                timelines.playsOf(d.memberId(), d.showIds().get(r)))
                        .isEqualTo(expected);
                positives += expected > 0 ? 1 : 0;
                rows++;
            }
            inProgressRows += assertMemberFeatures(d, timelines);
            catalogRows += assertCatalogFeatures(d, listedAt);
            successorRows += assertNextAfterLast(d, timelines);
            float memberTitles = d.features().get(0)[RankerFeatures.MEMBER_TITLES];
            assertThat(memberTitles)
                    .as("shows the member had watched at decision " + d.id())
                    .isLessThanOrEqualTo(timelines.showsUpTo(d.memberId(), d.decidedAt()));
        }
        System.out.printf(
                "[hybrid-itcase] training log: %d decisions, %d rows, %d positive, %d in progress,"
                        + " %d with catalog features, %d known successors of the last new show%n",
                decisions.size(), rows, positives, inProgressRows, catalogRows, successorRows);
        assertThat(positives).as("rows labelled by a later play").isPositive();
        assertThat(inProgressRows).as("continue-watching candidates").isPositive();
        assertThat(catalogRows)
                .as("rows with genre affinity, title age and the day's popularity share")
                .isPositive();
        assertThat(successorRows)
                .as("rows whose show members started next after the member's last new show")
                .isPositive();
    }

    /**
     * {@code next_after_last}: known only for a member who played some show positively before the
     * decision, and then a probability for each candidate, which over the distinct candidates of
     * one decision sum to at most 1. Returns the rows with a positive probability.
     */
    private static int assertNextAfterLast(
            TrainingLogReader.Decision d, MemberTimelines timelines) {
        int known = 0;
        double sum = 0;
        for (float[] f : d.features()) {
            float p = f[RankerFeatures.NEXT_AFTER_LAST];
            if (Float.isNaN(p)) {
                continue;
            }
            assertThat(p).as("next after last in decision " + d.id()).isBetween(0f, 1f);
            assertThat(timelines.positivePlays(d.memberId(), 0, d.decidedAt()))
                    .as("positive plays before decision %s, which knows a last new show", d.id())
                    .isPositive();
            sum += p;
            known += p > 0 ? 1 : 0;
        }
        assertThat(sum).as("probabilities of decision " + d.id()).isLessThanOrEqualTo(1.0 + 1e-4);
        return known;
    }

    /**
     * Features from the catalog broadcast and the replica: a title age counts the days from the
     * show's earliest catalog record sent to the decision; a genre affinity and the day's
     * popularity share are shares. Returns the rows that have all three.
     */
    private static int assertCatalogFeatures(
            TrainingLogReader.Decision d, Map<String, Long> listedAt) {
        int rows = 0;
        for (int r = 0; r < d.showIds().size(); r++) {
            float[] f = d.features().get(r);
            float age = f[RankerFeatures.TITLE_AGE_DAYS];
            Long listed = listedAt.get(d.showIds().get(r));
            if (!Float.isNaN(age) && listed != null) {
                assertThat((double) age)
                        .as("age of %s in decision %s", d.showIds().get(r), d.id())
                        .isCloseTo(
                                Math.max(0.0, (d.decidedAt() - listed) / 86_400_000.0),
                                within(1e-3));
            }
            float affinity = f[RankerFeatures.GENRE_AFFINITY];
            float dayShare = f[RankerFeatures.POPULARITY_DAY_SHARE];
            if (!Float.isNaN(dayShare)) {
                assertThat(dayShare).as("day share in decision " + d.id()).isBetween(0f, 1f);
            }
            if (!Float.isNaN(age)) {
                assertThat(age).as("title age in decision " + d.id()).isNotNegative();
            }
            if (!Float.isNaN(affinity)) {
                assertThat(affinity).as("genre affinity in decision " + d.id()).isBetween(0f, 1f);
            }
            rows += Float.isNaN(age) || Float.isNaN(affinity) || Float.isNaN(dayShare) ? 0 : 1;
        }
        return rows;
    }

    /**
     * The member's activity features of one decision, against the member's real plays: a show in
     * progress (continue watching) was played before the decision, and its hours since watched
     * point at one of those plays; no other candidate has them; plays in the last day count no play
     * after the decision. Returns the rows with a show in progress.
     */
    private static int assertMemberFeatures(
            TrainingLogReader.Decision d, MemberTimelines timelines) {
        int inProgress = 0;
        long day = Duration.ofDays(1).toMillis();
        for (int r = 0; r < d.showIds().size(); r++) {
            float[] f = d.features().get(r);
            float progress = f[RankerFeatures.CONTINUE_WATCHING_PROGRESS];
            float hours = f[RankerFeatures.HOURS_SINCE_SERIES_WATCHED];
            assertThat(f[RankerFeatures.MEMBER_PLAYS_24H])
                    .as("plays in the day before decision " + d.id())
                    .isLessThanOrEqualTo(
                            timelines.positivePlays(
                                    d.memberId(), d.decidedAt() - day, d.decidedAt()));
            if (Float.isNaN(progress)) {
                assertThat(hours).as("hours since watched of a new show").isNaN();
                continue;
            }
            inProgress++;
            assertThat(progress).isBetween(0f, 1f);
            List<Long> plays =
                    timelines.playTimesUpTo(d.memberId(), d.showIds().get(r), d.decidedAt());
            assertThat(plays)
                    .as("plays of %s before decision %s", d.showIds().get(r), d.id())
                    .anySatisfy(
                            t ->
                                    assertThat((double) hours)
                                            .isCloseTo(
                                                    (d.decidedAt() - t) / 3_600_000.0,
                                                    within(1e-3)));
        }
        return inProgress;
    }

    /** Per show, the earliest catalog time among the catalog records sent. */
    private static Map<String, Long> listingDates(List<GeneratedRecord> catalog) {
        var decoder =
                EventCodecs.catalogDecoder(IngestOptions.from(new Configuration()).decodeLimits());
        Map<String, Long> listed = new HashMap<>();
        for (GeneratedRecord record : catalog) {
            RawRecord raw =
                    new RawRecord("catalog", 0, 0, record.eventTime(), null, record.value());
            if (decoder.decode(raw, System.currentTimeMillis())
                    instanceof DecodeResult.Ok<CatalogRecord> ok) {
                listed.merge(ok.value().showId(), ok.value().updatedAt(), Math::min);
            }
        }
        return listed;
    }

    /**
     * Waits, while the job runs, until finished log files hold at least 50 decisions, or at least
     * {@link #MIN_DECISIONS} and the log stopped growing ({@link #SETTLED}).
     */
    private static List<TrainingLogReader.Decision> awaitTrainingLog(JobClient job, Path log)
            throws Exception {
        Instant deadline = Instant.now().plus(TRAINING_LOG_DEADLINE);
        List<TrainingLogReader.Decision> decisions = List.of();
        Instant grewAt = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            JobHealth.assertRunning(job, "the training log (" + decisions.size() + " decisions)");
            if (log.toFile().isDirectory()) {
                List<TrainingLogReader.Decision> now = TrainingLogReader.decisions(log);
                if (now.size() != decisions.size()) {
                    grewAt = Instant.now();
                }
                decisions = now;
                boolean settled = Instant.now().isAfter(grewAt.plus(SETTLED));
                if (decisions.size() >= 50 || (settled && decisions.size() >= MIN_DECISIONS)) {
                    return decisions;
                }
            }
            Thread.sleep(2_000);
        }
        assertThat(decisions)
                .as(
                        "decisions in the training log after %s; %s",
                        TRAINING_LOG_DEADLINE,
                        JobHealth.progress(FLINK.getClientConfiguration(), job.getJobID()))
                .hasSizeGreaterThanOrEqualTo(MIN_DECISIONS);
        return decisions;
    }

    /** The job's {@code numRestarts} as the reporter last saw it (0 before its first report). */
    private static long restarts(JobClient job) {
        return JobHealth.restarts(REPORTER, job.getJobID()).orElse(0);
    }

    /** Waits until an active member's newest list was ordered by {@code version}. */
    private static String awaitRankedBy(
            JobClient job, CqlSession session, RecsScenario scenario, String version)
            throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            JobHealth.assertRunning(job, "a list ranked by " + version);
            for (String member : scenario.active) {
                List<Row> list = RecsScenario.newestRows(session, member);
                if (!list.isEmpty() && version.equals(list.get(0).getString("ranker"))) {
                    return member + "'s list";
                }
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("no list ranked by " + version + " after " + DEADLINE);
    }

    /** The next {@code count} generator records after the scenario's (event time from now on). */
    private static List<GeneratedRecord> moreTraffic(RecsScenario scenario, int count) {
        List<GeneratedRecord> more = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            more.add(scenario.generator.next());
        }
        return more;
    }

    /** {@code records}, those of the scenario's playback topic sent to {@code playbackTopic}. */
    private static List<ProducerRecord<byte[], byte[]>> to(
            String playbackTopic, List<ProducerRecord<byte[], byte[]>> records) {
        return records.stream()
                .map(
                        r ->
                                r.topic().endsWith(TopicNames.PLAYBACK)
                                        ? new ProducerRecord<>(
                                                playbackTopic,
                                                null,
                                                r.timestamp(),
                                                r.key(),
                                                r.value())
                                        : r)
                .toList();
    }

    private JobClient start(RecsScenario scenario, RecsJobSettings options) throws Exception {
        Configuration envConf = new Configuration();
        envConf.set(PipelineOptions.GENERIC_TYPES, false);
        ShippedStateBackend.applyTo(envConf);
        envConf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        envConf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                work.resolve("checkpoints").toUri().toString());
        // Finished log files appear on completed checkpoints.
        envConf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(2));
        // A failure (e.g. a broker or Cassandra hiccup on a loaded machine) may restart the job
        // from its last checkpoint, which keeps the log exactly once and point-in-time correct; the
        // model swap is then checked to need no restart (restarts counted before and after it).
        envConf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        envConf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        envConf.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(envConf);
        env.setParallelism(2);
        var ingest = options.ingest();
        scenario.job(
                        SERVICES,
                        options,
                        KafkaSources.rawRecords(ingest, List.of(options.playbackTopic())),
                        KafkaSources.rawRecords(ingest, List.of(options.catalogTopic())),
                        KafkaSources.rawRecords(ingest, List.of(options.itemFactorsTopic())))
                .build(env);
        return env.executeAsync("hybrid-recommendations-itcase");
    }
}
