package io.reelstream.pipelines.recs;

import io.reelstream.pipelines.PipelineDefinition;
import io.reelstream.pipelines.common.Ingest;
import io.reelstream.pipelines.common.Ingested;
import io.reelstream.pipelines.common.JobConfiguration;
import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.json.DecodeLimits;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.cassandra.CassandraSink;
import io.reelstream.udfs.ingest.EventTimeWatermarks;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.ingest.KafkaDeadLetterSink;
import io.reelstream.udfs.ingest.KafkaSinks;
import io.reelstream.udfs.ingest.KafkaSources;
import io.reelstream.udfs.ingest.NeverHoldBackWatermarks;
import io.reelstream.udfs.recs.Interaction;
import io.reelstream.udfs.recs.ItemFactorCodec;
import io.reelstream.udfs.recs.ItemFactorFunction;
import io.reelstream.udfs.recs.ItemFactorRecordSchema;
import io.reelstream.udfs.recs.ItemFactorUpdate;
import io.reelstream.udfs.recs.ItemFactorsTable;
import io.reelstream.udfs.recs.LatePlaybackDeadLetter;
import io.reelstream.udfs.recs.PlaybackEngagementFunction;
import io.reelstream.udfs.recs.Recommendations;
import io.reelstream.udfs.recs.RecommendationsTable;
import io.reelstream.udfs.recs.RecsKeys;
import io.reelstream.udfs.recs.ShowRollupFunction;
import io.reelstream.udfs.recs.TitleInteraction;
import io.reelstream.udfs.recs.UserFactorFunction;
import io.reelstream.udfs.recs.UserFactorsRow;
import io.reelstream.udfs.recs.UserFactorsTable;
import io.reelstream.udfs.recs.model.RecsSettings;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;

/**
 * The recommendation job: online matrix factorization (BPR with sampled negatives) learned from
 * viewing as it happens, split into a user side keyed by member and an item side keyed by show,
 * joined through a compacted Kafka topic of item factors read back as broadcast state (no
 * DataStream iterations in Flink 2.x).
 *
 * <pre>
 *   read playback → decode → watermarks → keyBy(playbackId) "playback engagement"
 *     → keyBy(titleId) ⋈ catalog keyBy(titleId) "roll episodes up to shows"
 *     → keyBy(userId) ⋈ broadcast(item replica) "learn member factors"
 *         ├→ "write recommendations"  (Cassandra recommendations, debounced per member)
 *         ├→ "write user factors"     (Cassandra user_factors)
 *         └→ item gradients → keyBy(showId) "learn show factors"
 *               ├→ "publish item factors" (Kafka, compacted item-factor topic)
 *               └→ "write item factors"   (Cassandra item_factors, SAI ANN index)
 *   read item-factors → decode → watermarks (never hold back) → broadcast(item replica)
 *   decode rejects (all three topics) → "write dead letters"
 * </pre>
 */
public final class RecsJob {

    private static final Logger LOG = LoggerFactory.getLogger(RecsJob.class);

    public static final String NAME = "recommendations";
    public static final String JOB_NAME = "Reelstream recommendations";

    public static final String UID_ENGAGEMENT = "recs-playback-engagement";
    public static final String UID_ROLLUP = "recs-show-rollup";
    public static final String UID_USER_SIDE = "recs-user-factors";
    public static final String UID_ITEM_SIDE = "recs-item-factors";
    public static final String UID_RECS_SINK = "recs-recommendations-sink";
    public static final String UID_USER_FACTORS_SINK = "recs-user-factors-sink";
    public static final String UID_ITEM_FACTORS_SINK = "recs-item-factors-sink";
    public static final String UID_REPLICA_SINK = "recs-item-replica-sink";
    public static final String UID_LATE_DEAD_LETTERS = "recs-late-playback-dead-letters";

    private final RecsOptions options;
    private final Source<RawRecord, ?, ?> playbackSource;
    private final Source<RawRecord, ?, ?> catalogSource;
    private final Source<RawRecord, ?, ?> itemReplicaSource;
    private final Sink<Recommendations> recommendationsSink;
    private final Sink<UserFactorsRow> userFactorsSink;
    private final Sink<ItemFactorUpdate> itemFactorsSink;
    private final Sink<ItemFactorUpdate> itemReplicaSink;
    private final Sink<DeadLetter> deadLetterSink;

    public RecsJob(
            RecsOptions options,
            Source<RawRecord, ?, ?> playbackSource,
            Source<RawRecord, ?, ?> catalogSource,
            Source<RawRecord, ?, ?> itemReplicaSource,
            Sink<Recommendations> recommendationsSink,
            Sink<UserFactorsRow> userFactorsSink,
            Sink<ItemFactorUpdate> itemFactorsSink,
            Sink<ItemFactorUpdate> itemReplicaSink,
            Sink<DeadLetter> deadLetterSink) {
        this.options = Objects.requireNonNull(options, "options");
        this.playbackSource = Objects.requireNonNull(playbackSource, "playbackSource");
        this.catalogSource = Objects.requireNonNull(catalogSource, "catalogSource");
        this.itemReplicaSource = Objects.requireNonNull(itemReplicaSource, "itemReplicaSource");
        this.recommendationsSink =
                Objects.requireNonNull(recommendationsSink, "recommendationsSink");
        this.userFactorsSink = Objects.requireNonNull(userFactorsSink, "userFactorsSink");
        this.itemFactorsSink = Objects.requireNonNull(itemFactorsSink, "itemFactorsSink");
        this.itemReplicaSink = Objects.requireNonNull(itemReplicaSink, "itemReplicaSink");
        this.deadLetterSink = Objects.requireNonNull(deadLetterSink, "deadLetterSink");
    }

    /** The production job: Kafka sources, Cassandra sinks, the Kafka replica and dead letters. */
    public static RecsJob fromConfiguration(Configuration conf) {
        RecsOptions options = RecsOptions.fromConfig(conf);
        IngestOptions ingest = options.ingest();
        CassandraOptions cassandra = CassandraOptions.fromConfig(conf);
        int k = options.settings().hyperparameters().k();
        LOG.info("Recommendation job: {}", options);
        return new RecsJob(
                options,
                KafkaSources.rawRecords(ingest, List.of(options.playbackTopic())),
                KafkaSources.rawRecords(ingest, List.of(options.catalogTopic())),
                KafkaSources.rawRecords(ingest, List.of(options.itemFactorsTopic())),
                CassandraSink.builder(new RecommendationsTable(options.settings().topN()))
                        .options(cassandra)
                        .build(),
                CassandraSink.builder(new UserFactorsTable(k)).options(cassandra).build(),
                itemFactorsSink(options, cassandra),
                replicaSink(ingest, options.itemFactorsTopic()),
                KafkaDeadLetterSink.create(ingest, options.deadLetterTopic()));
    }

    /**
     * The Cassandra sink of {@code item_factors}: writes to its vector index are expensive, so it
     * coalesces each show's updates over {@link RecsOptions#ITEM_FACTORS_WRITE_INTERVAL} and, as
     * the table declares its vector index, keeps at most {@code
     * cassandra.sink.vector-max-in-flight} writes in flight. It runs unchained (own task).
     */
    public static CassandraSink<ItemFactorUpdate> itemFactorsSink(
            RecsOptions options, CassandraOptions cassandra) {
        return CassandraSink.builder(new ItemFactorsTable(options.settings().hyperparameters().k()))
                .options(
                        cassandra.with(
                                CassandraOptions.COALESCE_WINDOW,
                                options.itemFactorsWriteInterval()))
                .build();
    }

    /** The Kafka sink of the item-factor replica topic (at-least-once; newest update wins). */
    public static KafkaSink<ItemFactorUpdate> replicaSink(IngestOptions ingest, String topic) {
        return KafkaSinks.atLeastOnce(ingest, new ItemFactorRecordSchema(topic));
    }

    /** How launchers find this job. */
    public static PipelineDefinition definition() {
        return new PipelineDefinition(NAME, JOB_NAME, RecsJob.class, new Graph());
    }

    /** Adds the job's graph to {@code env}. */
    public void build(StreamExecutionEnvironment env) {
        RecsSettings settings = options.settings();
        IngestOptions ingest = options.ingest();
        DecodeLimits limits = ingest.decodeLimits();
        Ingested<PlaybackEvent> playback =
                Ingest.decode(
                        env,
                        playbackSource,
                        "playback",
                        EventCodecs.playbackDecoder(limits),
                        EventTimeWatermarks.playback(ingest),
                        NAME,
                        TypeInformation.of(PlaybackEvent.class));
        Ingested<CatalogRecord> catalog =
                Ingest.decode(
                        env,
                        catalogSource,
                        "catalog",
                        EventCodecs.catalogDecoder(limits),
                        NeverHoldBackWatermarks.<CatalogRecord>strategy()
                                .withTimestampAssigner(new EventTimeWatermarks.CatalogUpdatedAt()),
                        NAME,
                        TypeInformation.of(CatalogRecord.class));
        Ingested<ItemFactorUpdate> replica =
                Ingest.decode(
                        env,
                        itemReplicaSource,
                        "item-factors",
                        new ItemFactorCodec(settings.hyperparameters().k()),
                        NeverHoldBackWatermarks.<ItemFactorUpdate>strategy()
                                .withTimestampAssigner(new RecsKeys.UpdatedAt()),
                        NAME,
                        TypeInformation.of(ItemFactorUpdate.class));

        SingleOutputStreamOperator<TitleInteraction> titleInteractions =
                playback.events()
                        .keyBy(new RecsKeys.PlaybackByPlaybackId(), Types.STRING)
                        .process(
                                new PlaybackEngagementFunction(
                                        settings.engagement(), settings.playbackTimeoutMs()),
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

        BroadcastStream<ItemFactorUpdate> itemReplica =
                replica.events().broadcast(UserFactorFunction.ITEM_REPLICA);
        SingleOutputStreamOperator<Recommendations> recommendations =
                interactions
                        .keyBy(new RecsKeys.InteractionByMember(), Types.STRING)
                        .connect(itemReplica)
                        .process(
                                new UserFactorFunction(settings),
                                TypeInformation.of(Recommendations.class))
                        .uid(UID_USER_SIDE)
                        .name("learn member factors");
        recommendations
                .sinkTo(recommendationsSink)
                .uid(UID_RECS_SINK)
                .name("write recommendations");
        recommendations
                .getSideOutput(UserFactorFunction.USER_FACTORS)
                .sinkTo(userFactorsSink)
                .uid(UID_USER_FACTORS_SINK)
                .name("write user factors");

        SingleOutputStreamOperator<ItemFactorUpdate> items =
                recommendations
                        .getSideOutput(UserFactorFunction.ITEM_GRADIENTS)
                        .keyBy(new RecsKeys.GradientByShow(), Types.STRING)
                        .process(
                                new ItemFactorFunction(settings),
                                TypeInformation.of(ItemFactorUpdate.class))
                        .uid(UID_ITEM_SIDE)
                        .name("learn show factors");
        items.sinkTo(itemReplicaSink).uid(UID_REPLICA_SINK).name("publish item factors");
        // Own task: the vector-index writes are capped in flight (CASSANDRA-21644) and may wait;
        // chained, that wait would stall the item side and the replica publisher with it.
        items.sinkTo(itemFactorsSink)
                .uid(UID_ITEM_FACTORS_SINK)
                .name("write item factors")
                .disableChaining();

        DataStream<DeadLetter> late =
                titleInteractions
                        .getSideOutput(PlaybackEngagementFunction.TOO_LATE)
                        .map(
                                new LatePlaybackDeadLetter(NAME, settings.playbackTimeoutMs()),
                                TypeInformation.of(DeadLetter.class))
                        .uid(UID_LATE_DEAD_LETTERS)
                        .name("late playback events to dead letters");
        Ingest.writeDeadLetterStreams(
                deadLetterSink,
                List.of(
                        playback.deadLetters(),
                        catalog.deadLetters(),
                        replica.deadLetters(),
                        late));
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
