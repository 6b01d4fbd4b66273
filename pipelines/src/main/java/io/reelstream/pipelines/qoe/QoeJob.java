package io.reelstream.pipelines.qoe;

import io.reelstream.pipelines.PipelineDefinition;
import io.reelstream.pipelines.common.Ingest;
import io.reelstream.pipelines.common.Ingested;
import io.reelstream.pipelines.common.JobConfiguration;
import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.json.DecodeLimits;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.schemas.qoe.QoeAlert;
import io.reelstream.schemas.qoe.SessionSummary;
import io.reelstream.schemas.qoe.StallEvent;
import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.cassandra.CassandraSink;
import io.reelstream.udfs.ingest.EventTimeWatermarks;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.ingest.KafkaDeadLetterSink;
import io.reelstream.udfs.ingest.KafkaSources;
import io.reelstream.udfs.qoe.CohortAccumulator;
import io.reelstream.udfs.qoe.CohortAnomalyFunction;
import io.reelstream.udfs.qoe.CohortMetrics;
import io.reelstream.udfs.qoe.CohortMetricsAggregate;
import io.reelstream.udfs.qoe.CohortSample;
import io.reelstream.udfs.qoe.CohortWindowResult;
import io.reelstream.udfs.qoe.ExplodeCohortsFunction;
import io.reelstream.udfs.qoe.PlaybackQoeTable;
import io.reelstream.udfs.qoe.PlaybackSample;
import io.reelstream.udfs.qoe.PlaybackSessionFunction;
import io.reelstream.udfs.qoe.QoeAlertsTable;
import io.reelstream.udfs.qoe.QoeKafkaSinks;
import io.reelstream.udfs.qoe.QoeKeys;
import io.reelstream.udfs.qoe.TelemetrySamples;
import io.reelstream.udfs.qoe.cmcd.CmcdDecoder;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;

/**
 * The playback quality (QoE) job: per playback, startup / rebuffer / bitrate metrics, live stall
 * signals and a session summary; per cohort (CDN, ISP, ASN, device, country and combinations),
 * windowed metrics watched by baseline anomaly detectors that open and resolve alerts.
 *
 * <pre>
 *   read qoe  → decode qoe  → watermarks qoe  → telemetry samples ─┐
 *   read cmcd → decode cmcd (a sample per report) → watermarks cmcd ─┴ union → keyBy(playbackId)
 *        → "playback sessions" (PlaybackSessionFunction)
 *             ├→ stalls side output → "publish stalls"
 *             ├→ "write session summaries" (Cassandra playback_qoe)
 *             ├→ "publish session summaries" (Kafka)
 *             └→ "explode cohorts" → keyBy(cohort) → "cohort windows" (tumbling, sketch)
 *                  → keyBy(cohort) → "detect cohort anomalies"
 *                       ├→ "write alerts" (Cassandra qoe_alerts)
 *                       └→ "publish alerts" (Kafka)
 *   decode rejects (both topics) → "write dead letters"
 * </pre>
 */
public final class QoeJob {

    private static final Logger LOG = LoggerFactory.getLogger(QoeJob.class);

    public static final String NAME = "qoe";
    public static final String JOB_NAME = "Reelstream playback quality";

    public static final String UID_TELEMETRY_SAMPLES = "qoe-telemetry-samples";
    public static final String UID_SESSIONS = "qoe-playback-sessions";
    public static final String UID_SUMMARY_CASSANDRA_SINK = "qoe-sessions-cassandra-sink";
    public static final String UID_SUMMARY_KAFKA_SINK = "qoe-sessions-kafka-sink";
    public static final String UID_STALL_KAFKA_SINK = "qoe-stalls-kafka-sink";
    public static final String UID_EXPLODE_COHORTS = "qoe-explode-cohorts";
    public static final String UID_COHORT_WINDOWS = "qoe-cohort-windows";
    public static final String UID_ANOMALIES = "qoe-cohort-anomalies";
    public static final String UID_ALERT_CASSANDRA_SINK = "qoe-alerts-cassandra-sink";
    public static final String UID_ALERT_KAFKA_SINK = "qoe-alerts-kafka-sink";

    private final QoeOptions options;
    private final Source<RawRecord, ?, ?> qoeSource;
    private final Source<RawRecord, ?, ?> cmcdSource;
    private final Sink<SessionSummary> summaryCassandraSink;
    private final Sink<SessionSummary> summaryTopicSink;
    private final Sink<StallEvent> stallTopicSink;
    private final Sink<QoeAlert> alertCassandraSink;
    private final Sink<QoeAlert> alertTopicSink;
    private final Sink<DeadLetter> deadLetterSink;

    public QoeJob(
            QoeOptions options,
            Source<RawRecord, ?, ?> qoeSource,
            Source<RawRecord, ?, ?> cmcdSource,
            Sink<SessionSummary> summaryCassandraSink,
            Sink<SessionSummary> summaryTopicSink,
            Sink<StallEvent> stallTopicSink,
            Sink<QoeAlert> alertCassandraSink,
            Sink<QoeAlert> alertTopicSink,
            Sink<DeadLetter> deadLetterSink) {
        this.options = Objects.requireNonNull(options, "options");
        this.qoeSource = Objects.requireNonNull(qoeSource, "qoeSource");
        this.cmcdSource = Objects.requireNonNull(cmcdSource, "cmcdSource");
        this.summaryCassandraSink =
                Objects.requireNonNull(summaryCassandraSink, "summaryCassandraSink");
        this.summaryTopicSink = Objects.requireNonNull(summaryTopicSink, "summaryTopicSink");
        this.stallTopicSink = Objects.requireNonNull(stallTopicSink, "stallTopicSink");
        this.alertCassandraSink = Objects.requireNonNull(alertCassandraSink, "alertCassandraSink");
        this.alertTopicSink = Objects.requireNonNull(alertTopicSink, "alertTopicSink");
        this.deadLetterSink = Objects.requireNonNull(deadLetterSink, "deadLetterSink");
    }

    /** The production job: Kafka sources, Cassandra and Kafka sinks, all from {@code conf}. */
    public static QoeJob fromConfiguration(Configuration conf) {
        QoeOptions options = QoeOptions.fromConfig(conf);
        IngestOptions ingest = options.ingest();
        CassandraOptions cassandra = CassandraOptions.fromConfig(conf);
        LOG.info("QoE job: {}", options);
        return new QoeJob(
                options,
                KafkaSources.rawRecords(ingest, List.of(options.qoeTopic())),
                KafkaSources.rawRecords(ingest, List.of(options.cmcdTopic())),
                CassandraSink.builder(new PlaybackQoeTable()).options(cassandra).build(),
                QoeKafkaSinks.create(ingest, options.sessionsTopic()),
                QoeKafkaSinks.create(ingest, options.stallsTopic()),
                CassandraSink.builder(new QoeAlertsTable()).options(cassandra).build(),
                QoeKafkaSinks.create(ingest, options.alertsTopic()),
                KafkaDeadLetterSink.create(ingest, options.deadLetterTopic()));
    }

    /** How launchers find this job. */
    public static PipelineDefinition definition() {
        return new PipelineDefinition(
                NAME, JOB_NAME, QoeJob.class, (conf, env) -> fromConfiguration(conf).build(env));
    }

    /** Adds the job's graph to {@code env}. */
    public void build(StreamExecutionEnvironment env) {
        IngestOptions ingest = options.ingest();
        DecodeLimits limits = ingest.decodeLimits();
        Ingested<QoeEvent> telemetry =
                Ingest.decode(
                        env,
                        qoeSource,
                        "qoe",
                        EventCodecs.qoeDecoder(limits),
                        EventTimeWatermarks.qoe(ingest),
                        NAME,
                        TypeInformation.of(QoeEvent.class));
        Ingested<PlaybackSample> cmcd =
                Ingest.decodeEach(
                        env,
                        cmcdSource,
                        "cmcd",
                        CmcdDecoder.of(limits),
                        EventTimeWatermarks.of(ingest, new TelemetrySamples.EventTime()),
                        NAME,
                        TypeInformation.of(PlaybackSample.class));

        SingleOutputStreamOperator<SessionSummary> summaries =
                telemetry
                        .events()
                        .map(new TelemetrySamples(), TypeInformation.of(PlaybackSample.class))
                        .uid(UID_TELEMETRY_SAMPLES)
                        .name("telemetry samples")
                        .union(cmcd.events())
                        .keyBy(new QoeKeys.SampleByPlayback())
                        .process(
                                new PlaybackSessionFunction(
                                        options.stallThreshold().toMillis(),
                                        options.inactivityTimeout().toMillis(),
                                        options.stallLiveHorizon().toMillis()),
                                TypeInformation.of(SessionSummary.class))
                        .uid(UID_SESSIONS)
                        .name("playback sessions");
        summaries
                .sinkTo(summaryCassandraSink)
                .uid(UID_SUMMARY_CASSANDRA_SINK)
                .name("write session summaries");
        summaries
                .sinkTo(summaryTopicSink)
                .uid(UID_SUMMARY_KAFKA_SINK)
                .name("publish session summaries");
        summaries
                .getSideOutput(PlaybackSessionFunction.STALLS)
                .sinkTo(stallTopicSink)
                .uid(UID_STALL_KAFKA_SINK)
                .name("publish stalls");

        DataStream<QoeAlert> alerts = cohortAlerts(summaries);
        alerts.sinkTo(alertCassandraSink).uid(UID_ALERT_CASSANDRA_SINK).name("write alerts");
        alerts.sinkTo(alertTopicSink).uid(UID_ALERT_KAFKA_SINK).name("publish alerts");

        Ingest.writeDeadLetters(deadLetterSink, List.of(telemetry, cmcd));
    }

    private DataStream<QoeAlert> cohortAlerts(DataStream<SessionSummary> summaries) {
        DataStream<CohortMetrics> cohortMetrics =
                summaries
                        .flatMap(
                                new ExplodeCohortsFunction(),
                                TypeInformation.of(CohortSample.class))
                        .uid(UID_EXPLODE_COHORTS)
                        .name("explode cohorts")
                        .keyBy(new QoeKeys.SampleByCohort())
                        .window(TumblingEventTimeWindows.of(options.cohortWindow()))
                        .aggregate(
                                new CohortMetricsAggregate(),
                                new CohortWindowResult(),
                                TypeInformation.of(CohortAccumulator.class),
                                TypeInformation.of(CohortAccumulator.class),
                                TypeInformation.of(CohortMetrics.class))
                        .uid(UID_COHORT_WINDOWS)
                        .name("cohort windows");
        return cohortMetrics
                .keyBy(new QoeKeys.MetricsByCohort())
                .process(
                        new CohortAnomalyFunction(options.anomaly()),
                        TypeInformation.of(QoeAlert.class))
                .uid(UID_ANOMALIES)
                .name("detect cohort anomalies");
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
