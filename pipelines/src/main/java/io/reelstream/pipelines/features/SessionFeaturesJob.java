package io.reelstream.pipelines.features;

import io.reelstream.pipelines.PipelineDefinition;
import io.reelstream.pipelines.common.Ingest;
import io.reelstream.pipelines.common.Ingested;
import io.reelstream.pipelines.common.JobConfiguration;
import io.reelstream.pipelines.common.JobParts;
import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.SearchEvent;
import io.reelstream.schemas.features.UserFeatureVector;
import io.reelstream.schemas.json.DecodeLimits;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.cassandra.CassandraSettings;
import io.reelstream.udfs.cassandra.CassandraSink;
import io.reelstream.udfs.features.FeatureKeys;
import io.reelstream.udfs.features.LateActivityDeadLetter;
import io.reelstream.udfs.features.TitleGenres;
import io.reelstream.udfs.features.ToUserActivity;
import io.reelstream.udfs.features.UserActivity;
import io.reelstream.udfs.features.UserFeatureVectorRecordSchema;
import io.reelstream.udfs.features.UserFeaturesTable;
import io.reelstream.udfs.features.UserSessionFeatureFunction;
import io.reelstream.udfs.ingest.DeadLetterRecordSchema;
import io.reelstream.udfs.ingest.EventTimeWatermarks;
import io.reelstream.udfs.ingest.IngestSettings;
import io.reelstream.udfs.ingest.KafkaSinks;
import io.reelstream.udfs.ingest.KafkaSources;

import org.apache.flink.api.common.typeinfo.TypeInformation;
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

/**
 * The session features job: per user, the user_session feature vector (sliced 1 h / 24 h / 7 d
 * windows, sessions, recency), fresh within about a second, written to Cassandra and Kafka.
 *
 * <pre>
 *   read playback → decode playback (event time) → playback to activities ─┐
 *   read search   → decode search   (event time) → search to activities   ─┴ union
 *        → keyBy(userId) ─┐
 *   read catalog  → decode catalog (never holds back) → catalog to genres (broadcast) ─┘
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

    private final SessionFeaturesJobSettings settings;
    private final Sources sources;
    private final Sinks sinks;

    /** What the job reads: raw records of each topic. */
    public record Sources(
            Source<RawRecord, ?, ?> playback,
            Source<RawRecord, ?, ?> search,
            Source<RawRecord, ?, ?> catalog) {

        /** The Kafka topics of {@code settings}. */
        public static Sources kafka(SessionFeaturesJobSettings settings) {
            IngestSettings ingest = settings.ingest();
            return new Sources(
                    KafkaSources.rawRecords(ingest, List.of(settings.playbackTopic())),
                    KafkaSources.rawRecords(ingest, List.of(settings.searchTopic())),
                    KafkaSources.referenceRecords(ingest, List.of(settings.catalogTopic())));
        }
    }

    /** Where the job writes: the vectors to Cassandra and Kafka, and its dead letters. */
    public record Sinks(
            Sink<UserFeatureVector> cassandra,
            Sink<UserFeatureVector> featureTopic,
            Sink<DeadLetter> deadLetters) {

        /** Cassandra user_features; the feature and dead-letter topics of {@code settings}. */
        public static Sinks production(
                SessionFeaturesJobSettings settings, CassandraSettings cassandra) {
            IngestSettings ingest = settings.ingest();
            return new Sinks(
                    CassandraSink.builder(new UserFeaturesTable()).options(cassandra).build(),
                    // keyed by user, at least once: consumers keep the newest vector
                    KafkaSinks.atLeastOnce(
                            ingest, new UserFeatureVectorRecordSchema(settings.outputTopic())),
                    KafkaSinks.atLeastOnce(
                            ingest, new DeadLetterRecordSchema(settings.deadLetterTopic())));
        }
    }

    public SessionFeaturesJob(SessionFeaturesJobSettings settings, Sources sources, Sinks sinks) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sources = JobParts.requireComplete(sources);
        this.sinks = JobParts.requireComplete(sinks);
    }

    /** The production job: Kafka sources, Cassandra and Kafka sinks, all from {@code conf}. */
    public static SessionFeaturesJob fromConfiguration(Configuration conf) {
        SessionFeaturesJobSettings settings = SessionFeaturesOptions.from(conf);
        LOG.info("Session features job: {}", settings);
        return new SessionFeaturesJob(
                settings,
                Sources.kafka(settings),
                Sinks.production(settings, CassandraOptions.from(conf)));
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
        IngestSettings ingest = settings.ingest();
        DecodeLimits limits = ingest.decodeLimits();
        Ingested<PlaybackEvent> playback = Ingest.playback(env, sources.playback(), ingest, NAME);
        Ingested<SearchEvent> search =
                Ingest.decode(
                        env,
                        sources.search(),
                        "search",
                        EventCodecs.searchDecoder(limits),
                        EventTimeWatermarks.search(ingest),
                        NAME,
                        TypeInformation.of(SearchEvent.class));
        Ingested<CatalogRecord> catalog = Ingest.catalog(env, sources.catalog(), ingest, NAME);

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
                                        settings.allowedLateness().toMillis(),
                                        settings.emitDebounce().toMillis()),
                                TypeInformation.of(UserFeatureVector.class))
                        .uid(UID_FEATURES)
                        .name("sliced user windows");
        features.sinkTo(sinks.cassandra()).uid(UID_CASSANDRA_SINK).name("write user features");
        features.sinkTo(sinks.featureTopic()).uid(UID_KAFKA_SINK).name("publish user features");

        DataStream<DeadLetter> late =
                features.getSideOutput(UserSessionFeatureFunction.LATE_ACTIVITY)
                        .map(new LateActivityDeadLetter(NAME))
                        .uid(UID_LATE_DEAD_LETTERS)
                        .name("late activities to dead letters");
        Ingest.writeDeadLetterStreams(
                sinks.deadLetters(),
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
