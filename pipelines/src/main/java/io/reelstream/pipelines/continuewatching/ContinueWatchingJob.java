package io.reelstream.pipelines.continuewatching;

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
import io.reelstream.udfs.continuewatching.ContinueWatchingFunction;
import io.reelstream.udfs.continuewatching.ContinueWatchingRowUpdate;
import io.reelstream.udfs.continuewatching.ContinueWatchingTable;
import io.reelstream.udfs.ingest.DeadLetterRecordSchema;
import io.reelstream.udfs.ingest.IngestKeys;
import io.reelstream.udfs.ingest.IngestSettings;
import io.reelstream.udfs.ingest.KafkaSinks;
import io.reelstream.udfs.ingest.KafkaSources;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;

/**
 * The continue-watching job: per user, the ordered row of titles to resume (bookmark, progress,
 * device), with next-episode hand-off from the catalog, written whole to Cassandra.
 *
 * <pre>
 *   read playback → decode playback (event time) → keyBy(userId) ──────┐
 *   read catalog  → decode catalog (never holds back) → broadcast ─────┴→
 *        "continue watching rows" (ContinueWatchingFunction)
 *             → "write continue watching" (Cassandra continue_watching, one cell per user)
 *   decode rejects (both topics) → "write dead letters"
 * </pre>
 *
 * <p>Each "decode" operator also keeps event-time watermarks per Kafka partition ({@code Ingest}).
 */
public final class ContinueWatchingJob {

    private static final Logger LOG = LoggerFactory.getLogger(ContinueWatchingJob.class);

    public static final String NAME = "continue-watching";
    public static final String JOB_NAME = "Reelstream continue watching";

    public static final String UID_ROWS = "continue-watching-rows";
    public static final String UID_CASSANDRA_SINK = "continue-watching-cassandra-sink";

    private final ContinueWatchingJobSettings settings;
    private final Sources sources;
    private final Sinks sinks;

    /** What the job reads: raw records of each topic. */
    public record Sources(Source<RawRecord, ?, ?> playback, Source<RawRecord, ?, ?> catalog) {

        /** The Kafka topics of {@code settings}. */
        public static Sources kafka(ContinueWatchingJobSettings settings) {
            IngestSettings ingest = settings.ingest();
            return new Sources(
                    KafkaSources.rawRecords(ingest, List.of(settings.playbackTopic())),
                    KafkaSources.referenceRecords(ingest, List.of(settings.catalogTopic())));
        }
    }

    /** Where the job writes: the rows to Cassandra, and its dead letters. */
    public record Sinks(Sink<ContinueWatchingRowUpdate> rows, Sink<DeadLetter> deadLetters) {

        /** Cassandra continue_watching; the dead-letter topic of {@code settings}. */
        public static Sinks production(
                ContinueWatchingJobSettings settings, CassandraSettings cassandra) {
            return new Sinks(
                    CassandraSink.builder(
                                    new ContinueWatchingTable(settings.settings().maxEntries()))
                            .options(cassandra)
                            .build(),
                    KafkaSinks.atLeastOnce(
                            settings.ingest(),
                            new DeadLetterRecordSchema(settings.deadLetterTopic())));
        }
    }

    public ContinueWatchingJob(ContinueWatchingJobSettings settings, Sources sources, Sinks sinks) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sources = JobParts.requireComplete(sources);
        this.sinks = JobParts.requireComplete(sinks);
    }

    /** The production job: Kafka sources, the Cassandra row sink and Kafka dead letters. */
    public static ContinueWatchingJob fromConfiguration(Configuration conf) {
        ContinueWatchingJobSettings settings = ContinueWatchingOptions.from(conf);
        LOG.info("Continue-watching job: {}", settings);
        return new ContinueWatchingJob(
                settings,
                Sources.kafka(settings),
                Sinks.production(settings, CassandraOptions.from(conf)));
    }

    /** How launchers find this job. */
    public static PipelineDefinition definition() {
        return new PipelineDefinition(
                NAME,
                JOB_NAME,
                ContinueWatchingJob.class,
                (conf, env) -> fromConfiguration(conf).build(env));
    }

    /** Adds the job's graph to {@code env}. */
    public void build(StreamExecutionEnvironment env) {
        IngestSettings ingest = settings.ingest();
        Ingested<PlaybackEvent> playback = Ingest.playback(env, sources.playback(), ingest, NAME);
        Ingested<CatalogRecord> catalog = Ingest.catalog(env, sources.catalog(), ingest, NAME);
        BroadcastStream<CatalogRecord> titles =
                catalog.events().broadcast(ContinueWatchingFunction.CATALOG);

        SingleOutputStreamOperator<ContinueWatchingRowUpdate> rows =
                playback.events()
                        .keyBy(new IngestKeys.PlaybackByMember())
                        .connect(titles)
                        .process(
                                new ContinueWatchingFunction(
                                        settings.settings(),
                                        settings.writeAhead(),
                                        settings.settleDelayMs()),
                                TypeInformation.of(ContinueWatchingRowUpdate.class))
                        .uid(UID_ROWS)
                        .name("continue watching rows");
        rows.sinkTo(sinks.rows()).uid(UID_CASSANDRA_SINK).name("write continue watching");

        Ingest.writeDeadLetters(sinks.deadLetters(), List.of(playback, catalog));
    }

    /** Runs the production job with the cluster configuration plus {@code --key value} args. */
    public static void main(String[] args) throws Exception {
        Configuration conf = JobConfiguration.load(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        fromConfiguration(conf).build(env);
        env.execute(JOB_NAME);
    }
}
