package io.reelstream.pipelines.features;

import io.reelstream.pipelines.PipelineDefinition;
import io.reelstream.pipelines.common.Ingest;
import io.reelstream.pipelines.common.Ingested;
import io.reelstream.pipelines.common.JobConfiguration;
import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.SearchEvent;
import io.reelstream.schemas.features.UserFeatureVector;
import io.reelstream.schemas.json.DecodeLimits;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.cassandra.CassandraSink;
import io.reelstream.udfs.features.FeatureKeys;
import io.reelstream.udfs.features.LateActivityDeadLetter;
import io.reelstream.udfs.features.TitleGenres;
import io.reelstream.udfs.features.ToUserActivity;
import io.reelstream.udfs.features.UserActivity;
import io.reelstream.udfs.features.UserFeatureVectorRecordSchema;
import io.reelstream.udfs.features.UserFeaturesTable;
import io.reelstream.udfs.features.UserSessionFeatureFunction;
import io.reelstream.udfs.ingest.EventTimeWatermarks;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.ingest.KafkaDeadLetterSink;
import io.reelstream.udfs.ingest.KafkaSinks;
import io.reelstream.udfs.ingest.KafkaSources;

import org.apache.flink.api.common.typeinfo.TypeInformation;
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
 * The session features job: per user, the user_session feature vector (sliced 1 h / 24 h / 7 d
 * windows, sessions, recency), fresh within about a second, written to Cassandra and Kafka.
 *
 * <pre>
 *   read playback → decode playback → watermarks playback → playback to activities ─┐
 *   read search   → decode search   → watermarks search   → search to activities   ─┴ union
 *        → keyBy(userId) ─┐
 *   read catalog  → decode catalog  → catalog watermarks  → catalog to genres (broadcast) ─┘
 *        → "sliced user windows" (UserSessionFeatureFunction: duplicates, windows, emission)
 *             ├→ "write user features"   (Cassandra user_features)
 *             ├→ "publish user features" (Kafka feature topic)
 *             └→ late activities → "late activities to dead letters" ┐
 *   decode rejects (all three topics) ───────────────────────────────┴→ "write dead letters"
 * </pre>
 *
 * <p>Genres come from the catalog through broadcast state (the catalog is small, every subtask
 * holds it) and are looked up when a vector is computed, so titles that reach the catalog after
 * their first plays still get their genres at the next emission.
 */
public final class SessionFeaturesJob {

    private static final Logger LOG = LoggerFactory.getLogger(SessionFeaturesJob.class);

    public static final String NAME = "session-features";
    public static final String JOB_NAME = "Reelstream session features";

    public static final String UID_PLAYBACK_ACTIVITIES = "playback-activities";
    public static final String UID_SEARCH_ACTIVITIES = "search-activities";
    public static final String UID_CATALOG_GENRES = "catalog-genres";
    public static final String UID_FEATURES = "user-session-features";
    public static final String UID_CASSANDRA_SINK = "user-features-cassandra-sink";
    public static final String UID_KAFKA_SINK = "user-features-kafka-sink";
    public static final String UID_LATE_DEAD_LETTERS = "late-activities-dead-letters";

    private final SessionFeaturesOptions options;
    private final Source<RawRecord, ?, ?> playbackSource;
    private final Source<RawRecord, ?, ?> searchSource;
    private final Source<RawRecord, ?, ?> catalogSource;
    private final Sink<UserFeatureVector> cassandraSink;
    private final Sink<UserFeatureVector> featureTopicSink;
    private final Sink<DeadLetter> deadLetterSink;

    public SessionFeaturesJob(
            SessionFeaturesOptions options,
            Source<RawRecord, ?, ?> playbackSource,
            Source<RawRecord, ?, ?> searchSource,
            Source<RawRecord, ?, ?> catalogSource,
            Sink<UserFeatureVector> cassandraSink,
            Sink<UserFeatureVector> featureTopicSink,
            Sink<DeadLetter> deadLetterSink) {
        this.options = Objects.requireNonNull(options, "options");
        this.playbackSource = Objects.requireNonNull(playbackSource, "playbackSource");
        this.searchSource = Objects.requireNonNull(searchSource, "searchSource");
        this.catalogSource = Objects.requireNonNull(catalogSource, "catalogSource");
        this.cassandraSink = Objects.requireNonNull(cassandraSink, "cassandraSink");
        this.featureTopicSink = Objects.requireNonNull(featureTopicSink, "featureTopicSink");
        this.deadLetterSink = Objects.requireNonNull(deadLetterSink, "deadLetterSink");
    }

    /** The production job: Kafka sources, Cassandra and Kafka sinks, all from {@code conf}. */
    public static SessionFeaturesJob fromConfiguration(Configuration conf) {
        SessionFeaturesOptions options = SessionFeaturesOptions.fromConfig(conf);
        IngestOptions ingest = options.ingest();
        LOG.info("Session features job: {}", options);
        return new SessionFeaturesJob(
                options,
                KafkaSources.rawRecords(ingest, List.of(options.playbackTopic())),
                KafkaSources.rawRecords(ingest, List.of(options.searchTopic())),
                KafkaSources.rawRecords(ingest, List.of(options.catalogTopic())),
                CassandraSink.builder(new UserFeaturesTable())
                        .options(CassandraOptions.fromConfig(conf))
                        .build(),
                featureTopicSink(ingest, options.outputTopic()),
                KafkaDeadLetterSink.create(ingest, options.deadLetterTopic()));
    }

    /** The feature topic sink: at least once, keyed by user (consumers keep the newest). */
    public static KafkaSink<UserFeatureVector> featureTopicSink(
            IngestOptions ingest, String topic) {
        return KafkaSinks.atLeastOnce(ingest, new UserFeatureVectorRecordSchema(topic));
    }

    /** How launchers find this job. */
    public static PipelineDefinition definition() {
        return new PipelineDefinition(
                NAME,
                JOB_NAME,
                SessionFeaturesJob.class,
                (conf, env) -> fromConfiguration(conf).build(env));
    }

    /** Adds the job's graph to {@code env}. */
    public void build(StreamExecutionEnvironment env) {
        // Chained operators pass records without a copy: every function here makes a new object
        // per output and no chained sink changes what it receives (network inputs never reuse).
        env.getConfig().enableObjectReuse();
        IngestOptions ingest = options.ingest();
        DecodeLimits limits = ingest.decodeLimits();
        Ingested<PlaybackEvent> playback = Ingest.playback(env, playbackSource, ingest, NAME);
        Ingested<SearchEvent> search =
                Ingest.decode(
                        env,
                        searchSource,
                        "search",
                        EventCodecs.searchDecoder(limits),
                        EventTimeWatermarks.search(ingest),
                        NAME,
                        TypeInformation.of(SearchEvent.class));
        Ingested<CatalogRecord> catalog = Ingest.catalog(env, catalogSource, ingest, NAME);

        DataStream<UserActivity> activities =
                playback.events()
                        .map(new ToUserActivity.FromPlayback())
                        .uid(UID_PLAYBACK_ACTIVITIES)
                        .name("playback to activities")
                        .union(
                                search.events()
                                        .map(new ToUserActivity.FromSearch())
                                        .uid(UID_SEARCH_ACTIVITIES)
                                        .name("search to activities"));
        BroadcastStream<TitleGenres> genres =
                catalog.events()
                        .map(new ToUserActivity.FromCatalog())
                        .uid(UID_CATALOG_GENRES)
                        .name("catalog to genres")
                        .broadcast(UserSessionFeatureFunction.CATALOG);

        SingleOutputStreamOperator<UserFeatureVector> features =
                activities
                        .keyBy(new FeatureKeys.ActivityByMember())
                        .connect(genres)
                        .process(
                                new UserSessionFeatureFunction(
                                        options.allowedLateness().toMillis(),
                                        options.emitDebounce().toMillis()),
                                TypeInformation.of(UserFeatureVector.class))
                        .uid(UID_FEATURES)
                        .name("sliced user windows");
        features.sinkTo(cassandraSink).uid(UID_CASSANDRA_SINK).name("write user features");
        features.sinkTo(featureTopicSink).uid(UID_KAFKA_SINK).name("publish user features");

        DataStream<DeadLetter> late =
                features.getSideOutput(UserSessionFeatureFunction.LATE_ACTIVITY)
                        .map(new LateActivityDeadLetter(NAME))
                        .uid(UID_LATE_DEAD_LETTERS)
                        .name("late activities to dead letters");
        Ingest.writeDeadLetterStreams(
                deadLetterSink,
                List.of(playback.deadLetters(), search.deadLetters(), catalog.deadLetters(), late));
    }

    /**
     * Runs the production job; arguments are {@code --key value} configuration entries over the
     * cluster configuration (see {@link JobConfiguration}).
     */
    public static void main(String[] args) throws Exception {
        Configuration conf = JobConfiguration.load(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        fromConfiguration(conf).build(env);
        env.execute(JOB_NAME);
    }
}
