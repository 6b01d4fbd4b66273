package io.reelstream.pipelines.continuewatching;

import io.reelstream.pipelines.PipelineDefinition;
import io.reelstream.pipelines.common.Ingest;
import io.reelstream.pipelines.common.Ingested;
import io.reelstream.pipelines.common.JobConfiguration;
import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.cassandra.CassandraSink;
import io.reelstream.udfs.continuewatching.ContinueWatchingFunction;
import io.reelstream.udfs.continuewatching.ContinueWatchingRowUpdate;
import io.reelstream.udfs.continuewatching.ContinueWatchingTable;
import io.reelstream.udfs.ingest.IngestKeys;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.ingest.KafkaDeadLetterSink;
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
 *   read playback → decode playback → watermarks playback → keyBy(userId) ──────────────┐
 *   read catalog  → decode catalog  → watermarks catalog (never hold back) → broadcast ─┴→
 *        "continue watching rows" (ContinueWatchingFunction)
 *             → "write continue watching" (Cassandra continue_watching, one cell per user)
 *   decode rejects (both topics) → "write dead letters"
 * </pre>
 */
public final class ContinueWatchingJob {

    private static final Logger LOG = LoggerFactory.getLogger(ContinueWatchingJob.class);

    public static final String NAME = "continue-watching";
    public static final String JOB_NAME = "Reelstream continue watching";

    public static final String UID_ROWS = "continue-watching-rows";
    public static final String UID_CASSANDRA_SINK = "continue-watching-cassandra-sink";

    private final ContinueWatchingOptions options;
    private final Source<RawRecord, ?, ?> playbackSource;
    private final Source<RawRecord, ?, ?> catalogSource;
    private final Sink<ContinueWatchingRowUpdate> rowSink;
    private final Sink<DeadLetter> deadLetterSink;

    public ContinueWatchingJob(
            ContinueWatchingOptions options,
            Source<RawRecord, ?, ?> playbackSource,
            Source<RawRecord, ?, ?> catalogSource,
            Sink<ContinueWatchingRowUpdate> rowSink,
            Sink<DeadLetter> deadLetterSink) {
        this.options = Objects.requireNonNull(options, "options");
        this.playbackSource = Objects.requireNonNull(playbackSource, "playbackSource");
        this.catalogSource = Objects.requireNonNull(catalogSource, "catalogSource");
        this.rowSink = Objects.requireNonNull(rowSink, "rowSink");
        this.deadLetterSink = Objects.requireNonNull(deadLetterSink, "deadLetterSink");
    }

    /** The production job: Kafka sources, the Cassandra row sink and Kafka dead letters. */
    public static ContinueWatchingJob fromConfiguration(Configuration conf) {
        ContinueWatchingOptions options = ContinueWatchingOptions.fromConfig(conf);
        IngestOptions ingest = options.ingest();
        LOG.info("Continue-watching job: {}", options);
        return new ContinueWatchingJob(
                options,
                KafkaSources.rawRecords(ingest, List.of(options.playbackTopic())),
                KafkaSources.rawRecords(ingest, List.of(options.catalogTopic())),
                CassandraSink.builder(new ContinueWatchingTable(options.settings().maxEntries()))
                        .options(CassandraOptions.fromConfig(conf))
                        .build(),
                KafkaDeadLetterSink.create(ingest, options.deadLetterTopic()));
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
        IngestOptions ingest = options.ingest();
        Ingested<PlaybackEvent> playback = Ingest.playback(env, playbackSource, ingest, NAME);
        Ingested<CatalogRecord> catalog = Ingest.catalog(env, catalogSource, ingest, NAME);
        BroadcastStream<CatalogRecord> titles =
                catalog.events().broadcast(ContinueWatchingFunction.CATALOG);

        SingleOutputStreamOperator<ContinueWatchingRowUpdate> rows =
                playback.events()
                        .keyBy(new IngestKeys.PlaybackByMember())
                        .connect(titles)
                        .process(
                                new ContinueWatchingFunction(
                                        options.settings(), options.writeAhead()),
                                TypeInformation.of(ContinueWatchingRowUpdate.class))
                        .uid(UID_ROWS)
                        .name("continue watching rows");
        rows.sinkTo(rowSink).uid(UID_CASSANDRA_SINK).name("write continue watching");

        Ingest.writeDeadLetters(deadLetterSink, List.of(playback, catalog));
    }

    /** Runs the production job with the cluster configuration plus {@code --key value} args. */
    public static void main(String[] args) throws Exception {
        Configuration conf = JobConfiguration.load(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        fromConfiguration(conf).build(env);
        env.execute(JOB_NAME);
    }
}
