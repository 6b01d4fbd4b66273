package io.reelstream.pipelines.recs;

import io.reelstream.pipelines.PipelineDefinition;
import io.reelstream.pipelines.common.Ingest;
import io.reelstream.pipelines.common.Ingested;
import io.reelstream.pipelines.common.JobConfiguration;
import io.reelstream.pipelines.common.JobParts;
import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.cassandra.CassandraSettings;
import io.reelstream.udfs.cassandra.CassandraSink;
import io.reelstream.udfs.cassandra.LatestPerKeyThrottle;
import io.reelstream.udfs.ingest.DeadLetterRecordSchema;
import io.reelstream.udfs.ingest.IngestSettings;
import io.reelstream.udfs.ingest.KafkaSinks;
import io.reelstream.udfs.ingest.KafkaSources;
import io.reelstream.udfs.ingest.NeverHoldBackWatermarks;
import io.reelstream.udfs.ranker.RankerModelCodec;
import io.reelstream.udfs.ranker.RankerModelUpdate;
import io.reelstream.udfs.recs.CandidateSet;
import io.reelstream.udfs.recs.CatalogShow;
import io.reelstream.udfs.recs.CovisitMessage;
import io.reelstream.udfs.recs.Interaction;
import io.reelstream.udfs.recs.ItemFactorCodec;
import io.reelstream.udfs.recs.ItemFactorFunction;
import io.reelstream.udfs.recs.ItemFactorRecordSchema;
import io.reelstream.udfs.recs.ItemFactorUpdate;
import io.reelstream.udfs.recs.ItemFactorsTable;
import io.reelstream.udfs.recs.ItemGradient;
import io.reelstream.udfs.recs.LatePlaybackDeadLetter;
import io.reelstream.udfs.recs.MemberSideBroadcast;
import io.reelstream.udfs.recs.PlaybackEngagementFunction;
import io.reelstream.udfs.recs.RankCandidatesFunction;
import io.reelstream.udfs.recs.Recommendations;
import io.reelstream.udfs.recs.RecommendationsTable;
import io.reelstream.udfs.recs.RecsKeys;
import io.reelstream.udfs.recs.ShowRollupFunction;
import io.reelstream.udfs.recs.SimilarTitles;
import io.reelstream.udfs.recs.SimilarTitlesTable;
import io.reelstream.udfs.recs.TitleInteraction;
import io.reelstream.udfs.recs.UserFactorFunction;
import io.reelstream.udfs.recs.UserFactorsRow;
import io.reelstream.udfs.recs.UserFactorsTable;
import io.reelstream.udfs.recs.model.RecsSettings;
import io.reelstream.udfs.traininglog.LabelDecisionsFunction;
import io.reelstream.udfs.traininglog.MemberSample;
import io.reelstream.udfs.traininglog.RankingDecision;
import io.reelstream.udfs.traininglog.TrainingLogFiles;
import io.reelstream.udfs.traininglog.TrainingLogRow;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The recommendation job: online matrix factorization (BPR with sampled negatives) learned from
 * viewing as it happens, split into a user side keyed by member and an item side keyed by show,
 * joined through a compacted Kafka topic of item factors read back as broadcast state (no
 * DataStream iterations in Flink 2.x). Item-to-item co-visitation ("watched together") is split the
 * same way: each member's window of recent shows lives on the user side, each show's counts and
 * neighbour candidates on the item side, and the replica carries every show's co-visitation count
 * and neighbours back to the members. The members' candidates (MF, co-visitation, trending) are
 * ordered by a GBDT ranker that arrives on a compacted model topic as broadcast state (a fixed
 * blend until one arrives), and each decision, with the features it was ranked on, can be labelled
 * by what the member watched next into a Parquet training log.
 *
 * <pre>
 *   read playback → decode → watermarks → keyBy(playbackId) "playback engagement"
 *     → keyBy(titleId) ⋈ catalog keyBy(titleId) "roll episodes up to shows"
 *     → keyBy(userId) ⋈ broadcast(item replica) "learn member factors"
 *         ├→ candidates with features (debounced per member)
 *         │    ⋈ broadcast(ranker models) "rank candidates"
 *         │         ├→ "write recommendations"  (Cassandra recommendations)
 *         │         └→ decisions → "sample decisions" → keyBy(userId)
 *         │              ⋈ interactions → "sample members' interactions" → keyBy(userId)
 *         │              → "label decisions" → "write training log" (Parquet, if a path is set)
 *         ├→ "write user factors"     (Cassandra user_factors)
 *         ├→ item gradients ─────→ keyBy(showId) ─┐
 *         └→ co-visitation changes → keyBy(showId) ─┴→ "learn show factors and co-visitation"
 *               ├→ "publish item factors" (Kafka, compacted item-factor topic, with neighbours)
 *               ├→ "write item factors"   (Cassandra item_factors, SAI ANN index)
 *               └→ "write similar titles" (Cassandra similar_titles, when the list changed visibly)
 *   read item-factors → decode → watermarks (never hold back) → broadcast(item replica)
 *   read ranker-models → decode → watermarks (never hold back) → broadcast(ranker models)
 *   decode rejects (all four topics) → "write dead letters"
 * </pre>
 */
public final class RecsJob {

    private static final Logger LOG = LoggerFactory.getLogger(RecsJob.class);

    public static final String NAME = "recommendations";
    public static final String JOB_NAME = "Reelstream recommendations";

    public static final String UID_ENGAGEMENT = "recs-playback-engagement";
    public static final String UID_ROLLUP = "recs-show-rollup";
    public static final String UID_REPLICA_TO_MEMBER_SIDE = "recs-replica-to-member-side";
    public static final String UID_CATALOG_TO_MEMBER_SIDE = "recs-catalog-to-member-side";
    public static final String UID_USER_SIDE = "recs-user-factors";
    public static final String UID_RANKER = "recs-rank-candidates";
    public static final String UID_SAMPLE_DECISIONS = "recs-sample-decisions";
    public static final String UID_SAMPLE_INTERACTIONS = "recs-sample-interactions";
    public static final String UID_LABELS = "recs-label-decisions";
    public static final String UID_TRAINING_LOG_SINK = "recs-training-log-sink";
    public static final String UID_ITEM_SIDE = "recs-item-factors";
    public static final String UID_RECS_SINK = "recs-recommendations-sink";
    public static final String UID_USER_FACTORS_SINK = "recs-user-factors-sink";
    public static final String UID_ITEM_FACTORS_THROTTLE = "recs-item-factors-throttle";
    public static final String UID_ITEM_FACTORS_SINK = "recs-item-factors-sink";
    public static final String UID_REPLICA_SINK = "recs-item-replica-sink";
    public static final String UID_SIMILAR_TITLES_SINK = "recs-similar-titles-sink";
    public static final String UID_LATE_DEAD_LETTERS = "recs-late-playback-dead-letters";

    private final RecsJobSettings settings;
    private final Sources sources;
    private final Sinks sinks;

    /**
     * What the job reads: raw records of each topic (the item replica is the job's own, the ranker
     * models come from training).
     */
    public record Sources(
            Source<RawRecord, ?, ?> playback,
            Source<RawRecord, ?, ?> catalog,
            Source<RawRecord, ?, ?> itemReplica,
            Source<RawRecord, ?, ?> rankerModels) {

        /** The Kafka topics of {@code settings}. */
        public static Sources kafka(RecsJobSettings settings) {
            IngestSettings ingest = settings.ingest();
            return new Sources(
                    KafkaSources.rawRecords(ingest, List.of(settings.playbackTopic())),
                    KafkaSources.referenceRecords(ingest, List.of(settings.catalogTopic())),
                    KafkaSources.rawRecords(ingest, List.of(settings.itemFactorsTopic())),
                    KafkaSources.referenceRecords(ingest, List.of(settings.rankerModelsTopic())));
        }
    }

    /**
     * Where the job writes: lists, factors and "watched together" neighbours, the item replica, its
     * dead letters, and the training log (empty: none).
     */
    public record Sinks(
            Sink<Recommendations> recommendations,
            Sink<UserFactorsRow> userFactors,
            Sink<ItemFactorUpdate> itemFactors,
            Sink<SimilarTitles> similarTitles,
            Sink<ItemFactorUpdate> itemReplica,
            Sink<DeadLetter> deadLetters,
            Optional<Sink<TrainingLogRow>> trainingLog) {

        /**
         * Cassandra recommendations, user_factors, item_factors and similar_titles; the item-factor
         * replica topic (at least once, newest update wins) and the dead-letter topic of {@code
         * settings}.
         */
        public static Sinks production(RecsJobSettings settings, CassandraSettings cassandra) {
            IngestSettings ingest = settings.ingest();
            int k = settings.settings().hyperparameters().k();
            return new Sinks(
                    CassandraSink.builder(new RecommendationsTable(settings.settings().topN()))
                            .options(cassandra)
                            .build(),
                    CassandraSink.builder(new UserFactorsTable(k)).options(cassandra).build(),
                    itemFactorsSink(settings, cassandra),
                    CassandraSink.builder(
                                    new SimilarTitlesTable(
                                            settings.settings().covisit().neighbours()))
                            .options(
                                    cassandra.with(
                                            CassandraOptions.COALESCE_WINDOW,
                                            settings.similarTitlesWriteInterval()))
                            .build(),
                    KafkaSinks.atLeastOnce(
                            ingest, new ItemFactorRecordSchema(settings.itemFactorsTopic())),
                    KafkaSinks.atLeastOnce(
                            ingest, new DeadLetterRecordSchema(settings.deadLetterTopic())),
                    settings.trainingLogIfSet().map(log -> TrainingLogFiles.sink(log.path())));
        }

        /**
         * The Cassandra sink of {@code item_factors}: as the table declares its vector index, it
         * keeps at most {@code reelstream.cassandra.sink.vector-max-in-flight} writes in flight.
         * Its input is throttled per show upstream ({@link
         * RecsOptions#ITEM_FACTORS_WRITE_INTERVAL}).
         */
        private static CassandraSink<ItemFactorUpdate> itemFactorsSink(
                RecsJobSettings settings, CassandraSettings cassandra) {
            return CassandraSink.builder(
                            new ItemFactorsTable(settings.settings().hyperparameters().k()))
                    .options(cassandra)
                    .build();
        }
    }

    public RecsJob(RecsJobSettings settings, Sources sources, Sinks sinks) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sources = JobParts.requireComplete(sources);
        this.sinks = JobParts.requireComplete(sinks);
    }

    /** The production job: Kafka sources, Cassandra sinks, the Kafka replica and dead letters. */
    public static RecsJob fromConfiguration(Configuration conf) {
        RecsJobSettings settings = RecsOptions.from(conf);
        LOG.info("Recommendation job: {}", settings);
        return new RecsJob(
                settings,
                Sources.kafka(settings),
                Sinks.production(settings, CassandraOptions.from(conf)));
    }

    /** How launchers find this job. */
    public static PipelineDefinition definition() {
        return new PipelineDefinition(NAME, JOB_NAME, RecsJob.class, new Graph());
    }

    /** Adds the job's graph to {@code env}. */
    public void build(StreamExecutionEnvironment env) {
        RecsSettings model = settings.settings();
        IngestSettings ingest = settings.ingest();
        Ingested<PlaybackEvent> playback = Ingest.playback(env, sources.playback(), ingest, NAME);
        Ingested<CatalogRecord> catalog = Ingest.catalog(env, sources.catalog(), ingest, NAME);
        Ingested<ItemFactorUpdate> replica =
                Ingest.decode(
                        env,
                        sources.itemReplica(),
                        "item-factors",
                        new ItemFactorCodec(model.hyperparameters().k()),
                        NeverHoldBackWatermarks.<ItemFactorUpdate>strategy()
                                .withTimestampAssigner(new RecsKeys.UpdatedAt()),
                        NAME,
                        TypeInformation.of(ItemFactorUpdate.class));

        SingleOutputStreamOperator<TitleInteraction> titleInteractions =
                playback.events()
                        .keyBy(new RecsKeys.PlaybackByPlaybackId(), Types.STRING)
                        .process(
                                new PlaybackEngagementFunction(
                                        model.engagement(), model.playbackTimeoutMs()),
                                TypeInformation.of(TitleInteraction.class))
                        .uid(UID_ENGAGEMENT)
                        .name("playback engagement");
        DataStream<Interaction> interactions =
                titleInteractions
                        .keyBy(new RecsKeys.InteractionByTitle(), Types.STRING)
                        .connect(
                                catalog.events().keyBy(new RecsKeys.CatalogByTitle(), Types.STRING))
                        .process(new ShowRollupFunction(), TypeInformation.of(Interaction.class))
                        .uid(UID_ROLLUP)
                        .name("roll episodes up to shows");

        Ingested<RankerModelUpdate> models =
                Ingest.decode(
                        env,
                        sources.rankerModels(),
                        "ranker-models",
                        new RankerModelCodec(),
                        NeverHoldBackWatermarks.<RankerModelUpdate>strategy()
                                .withTimestampAssigner(new RecsKeys.PublishedAt()),
                        NAME,
                        TypeInformation.of(RankerModelUpdate.class));

        SingleOutputStreamOperator<CandidateSet> userSide =
                userSide(interactions, replica.events(), catalog.events());
        SingleOutputStreamOperator<Recommendations> ranked = rank(userSide, models.events());
        settings.trainingLogIfSet()
                .ifPresent(
                        log ->
                                trainingLog(
                                        ranked.getSideOutput(RankCandidatesFunction.DECISIONS),
                                        interactions,
                                        log));
        itemSide(
                userSide.getSideOutput(UserFactorFunction.ITEM_GRADIENTS),
                userSide.getSideOutput(UserFactorFunction.COVISIT));

        DataStream<DeadLetter> late =
                titleInteractions
                        .getSideOutput(PlaybackEngagementFunction.TOO_LATE)
                        .map(
                                new LatePlaybackDeadLetter(NAME, model.playbackTimeoutMs()),
                                TypeInformation.of(DeadLetter.class))
                        .uid(UID_LATE_DEAD_LETTERS)
                        .name("late playback events to dead letters");
        Ingest.writeDeadLetterStreams(
                sinks.deadLetters(),
                List.of(
                        playback.deadLetters(),
                        catalog.deadLetters(),
                        replica.deadLetters(),
                        models.deadLetters(),
                        late));
    }

    /**
     * The user side, keyed by member: learns member factors against the broadcast item replica,
     * gathers each member's candidates (with the catalog's genres and listing dates, broadcast
     * beside the replica) and writes user factors; its item gradients and co-visitation changes are
     * side outputs.
     */
    private SingleOutputStreamOperator<CandidateSet> userSide(
            DataStream<Interaction> interactions,
            DataStream<ItemFactorUpdate> replica,
            DataStream<CatalogRecord> catalog) {
        DataStream<MemberSideBroadcast> replicaUpdates =
                replica.map(MemberSideBroadcast::of, TypeInformation.of(MemberSideBroadcast.class))
                        .uid(UID_REPLICA_TO_MEMBER_SIDE)
                        .name("item factors to the member side");
        DataStream<MemberSideBroadcast> catalogShows =
                catalog.map(
                                title -> MemberSideBroadcast.of(CatalogShow.of(title)),
                                TypeInformation.of(MemberSideBroadcast.class))
                        .uid(UID_CATALOG_TO_MEMBER_SIDE)
                        .name("catalog to the member side");
        BroadcastStream<MemberSideBroadcast> itemReplica =
                replicaUpdates
                        .union(catalogShows)
                        .broadcast(
                                UserFactorFunction.ITEM_REPLICA, UserFactorFunction.CATALOG_SHOWS);
        SingleOutputStreamOperator<CandidateSet> candidates =
                interactions
                        .keyBy(new RecsKeys.InteractionByMember(), Types.STRING)
                        .connect(itemReplica)
                        .process(
                                new UserFactorFunction(
                                        settings.settings(), settings.candidatesPerSource()),
                                TypeInformation.of(CandidateSet.class))
                        .uid(UID_USER_SIDE)
                        .name("learn member factors");
        candidates
                .getSideOutput(UserFactorFunction.USER_FACTORS)
                .sinkTo(sinks.userFactors())
                .uid(UID_USER_FACTORS_SINK)
                .name("write user factors");
        return candidates;
    }

    /** Orders each member's candidates with the newest ranker model and writes the top N. */
    private SingleOutputStreamOperator<Recommendations> rank(
            DataStream<CandidateSet> candidates, DataStream<RankerModelUpdate> models) {
        RecsSettings model = settings.settings();
        SingleOutputStreamOperator<Recommendations> recommendations =
                candidates
                        .connect(models.broadcast(RankCandidatesFunction.RANKER_MODEL))
                        .process(
                                new RankCandidatesFunction(
                                        model.topN(),
                                        model.explorationSlots(),
                                        model.modelVersion()),
                                TypeInformation.of(Recommendations.class))
                        .uid(UID_RANKER)
                        .name("rank candidates");
        recommendations
                .sinkTo(sinks.recommendations())
                .uid(UID_RECS_SINK)
                .name("write recommendations");
        return recommendations;
    }

    /**
     * Labels the decisions of the sampled members with what they watched next, point-in-time
     * correct, and writes the rows to the training log.
     */
    private void trainingLog(
            DataStream<RankingDecision> decisions,
            DataStream<Interaction> interactions,
            TrainingLogSettings log) {
        Sink<TrainingLogRow> sink =
                sinks.trainingLog()
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "a training log path is set but no sink given"));
        DataStream<RankingDecision> sampledDecisions =
                decisions
                        .filter(
                                new MemberSample<>(
                                        new MemberSample.DecisionMember(), log.memberShare()))
                        .uid(UID_SAMPLE_DECISIONS)
                        .name("sample decisions");
        DataStream<Interaction> sampledInteractions =
                interactions
                        .filter(
                                new MemberSample<>(
                                        new RecsKeys.InteractionByMember(), log.memberShare()))
                        .uid(UID_SAMPLE_INTERACTIONS)
                        .name("sample members' interactions");
        sampledDecisions
                .keyBy(new MemberSample.DecisionMember(), Types.STRING)
                .connect(
                        sampledInteractions.keyBy(new RecsKeys.InteractionByMember(), Types.STRING))
                .process(
                        new LabelDecisionsFunction(
                                log.horizonMs(),
                                log.maxDecisionDelayMs(),
                                log.completionWeight(),
                                settings.settings().playbackTimeoutMs()),
                        TypeInformation.of(TrainingLogRow.class))
                .uid(UID_LABELS)
                .name("label decisions")
                .sinkTo(sink)
                .uid(UID_TRAINING_LOG_SINK)
                .name("write training log");
    }

    /**
     * The item side, keyed by show: learns show factors from the members' gradients and each show's
     * co-visitation neighbours from the members' window changes, publishes both to the replica
     * topic and writes them to Cassandra.
     */
    private void itemSide(DataStream<ItemGradient> gradients, DataStream<CovisitMessage> covisit) {
        SingleOutputStreamOperator<ItemFactorUpdate> items =
                gradients
                        .keyBy(new RecsKeys.GradientByShow(), Types.STRING)
                        .connect(covisit.keyBy(new RecsKeys.CovisitByShow(), Types.STRING))
                        .process(
                                new ItemFactorFunction(settings.settings()),
                                TypeInformation.of(ItemFactorUpdate.class))
                        .uid(UID_ITEM_SIDE)
                        .name("learn show factors and co-visitation");
        items.getSideOutput(ItemFactorFunction.SIMILAR_TITLES)
                .sinkTo(sinks.similarTitles())
                .uid(UID_SIMILAR_TITLES_SINK)
                .name("write similar titles");
        items.sinkTo(sinks.itemReplica()).uid(UID_REPLICA_SINK).name("publish item factors");
        // Vector-index writes are expensive: a show's factors reach the table at most once per
        // write interval, held in keyed state (not bounded by the checkpoint interval). Own task
        // (the keyBy): the writes are capped in flight (CASSANDRA-21644) and may wait; chained to
        // the item side, that wait would stall it and the replica publisher with it.
        items.keyBy(new RecsKeys.UpdateByShow(), Types.STRING)
                .process(
                        new LatestPerKeyThrottle<String, ItemFactorUpdate>(
                                settings.itemFactorsWriteInterval().toMillis(),
                                TypeInformation.of(ItemFactorUpdate.class)),
                        TypeInformation.of(ItemFactorUpdate.class))
                .uid(UID_ITEM_FACTORS_THROTTLE)
                .name("throttle item factors")
                .sinkTo(sinks.itemFactors())
                .uid(UID_ITEM_FACTORS_SINK)
                .name("write item factors");
    }

    /** Runs the production job with the cluster configuration plus {@code --key value} args. */
    public static void main(String[] args) throws Exception {
        Configuration conf = JobConfiguration.load(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        fromConfiguration(conf).build(env);
        env.execute(JOB_NAME);
    }

    /** The production graph, for {@link PipelineDefinition}. */
    private static final class Graph implements PipelineDefinition.Graph {
        private static final long serialVersionUID = 1L;

        @Override
        public void build(Configuration configuration, StreamExecutionEnvironment env) {
            fromConfiguration(configuration).build(env);
        }
    }
}
