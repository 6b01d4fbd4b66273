package io.reelstream.pipelines.qoe;

import io.reelstream.pipelines.PipelineDefinition;
import io.reelstream.pipelines.common.Ingest;
import io.reelstream.pipelines.common.Ingested;
import io.reelstream.pipelines.common.JobConfiguration;
import io.reelstream.pipelines.common.JobParts;
import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.json.DecodeLimits;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.schemas.qoe.QoeAlert;
import io.reelstream.schemas.qoe.SessionSummary;
import io.reelstream.schemas.qoe.StallEvent;
import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.cassandra.CassandraSettings;
import io.reelstream.udfs.cassandra.CassandraSink;
import io.reelstream.udfs.ingest.DeadLetterRecordSchema;
import io.reelstream.udfs.ingest.EventTimeWatermarks;
import io.reelstream.udfs.ingest.IngestSettings;
import io.reelstream.udfs.ingest.KafkaSinks;
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
import io.reelstream.udfs.qoe.QoeJsonRecordSchema;
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
 *   read qoe  → decode qoe (event time) → telemetry samples ─┐
 *   read cmcd → decode cmcd (a sample per report, event time) ─┴ union → keyBy(playbackId)
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

    private final QoeJobSettings settings;
    private final Sources sources;
    private final Sinks sinks;

    /** What the job reads: raw records of each topic. */
    public record Sources(Source<RawRecord, ?, ?> qoe, Source<RawRecord, ?, ?> cmcd) {

        /** The Kafka topics of {@code settings}. */
        public static Sources kafka(QoeJobSettings settings) {
            IngestSettings ingest = settings.ingest();
            return new Sources(
                    KafkaSources.rawRecords(ingest, List.of(settings.qoeTopic())),
                    KafkaSources.rawRecords(ingest, List.of(settings.cmcdTopic())));
        }
    }

    /** Where the job writes: summaries, stalls and alerts, and its dead letters. */
    public record Sinks(
            Sink<SessionSummary> summaryCassandra,
            Sink<SessionSummary> summaryTopic,
            Sink<StallEvent> stallTopic,
            Sink<QoeAlert> alertCassandra,
            Sink<QoeAlert> alertTopic,
            Sink<DeadLetter> deadLetters) {

        /**
         * Cassandra playback_qoe and qoe_alerts; the topics of {@code settings}, every record keyed
         * and idempotent for its consumers (a summary per playback, a transition per alert id).
         */
        public static Sinks production(QoeJobSettings settings, CassandraSettings cassandra) {
            IngestSettings ingest = settings.ingest();
            return new Sinks(
                    CassandraSink.builder(new PlaybackQoeTable()).options(cassandra).build(),
                    KafkaSinks.atLeastOnce(
                            ingest, new QoeJsonRecordSchema<>(settings.sessionsTopic())),
                    KafkaSinks.atLeastOnce(
                            ingest, new QoeJsonRecordSchema<>(settings.stallsTopic())),
                    CassandraSink.builder(new QoeAlertsTable()).options(cassandra).build(),
                    KafkaSinks.atLeastOnce(
                            ingest, new QoeJsonRecordSchema<>(settings.alertsTopic())),
                    KafkaSinks.atLeastOnce(
                            ingest, new DeadLetterRecordSchema(settings.deadLetterTopic())));
        }
    }

    public QoeJob(QoeJobSettings settings, Sources sources, Sinks sinks) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sources = JobParts.requireComplete(sources);
        this.sinks = JobParts.requireComplete(sinks);
    }

    /** The production job: Kafka sources, Cassandra and Kafka sinks, all from {@code conf}. */
    public static QoeJob fromConfiguration(Configuration conf) {
        QoeJobSettings settings = QoeOptions.from(conf);
        LOG.info("QoE job: {}", settings);
        return new QoeJob(
                settings,
                Sources.kafka(settings),
                Sinks.production(settings, CassandraOptions.from(conf)));
    }

    /** How launchers find this job. */
    public static PipelineDefinition definition() {
        return new PipelineDefinition(
                NAME, JOB_NAME, QoeJob.class, (conf, env) -> fromConfiguration(conf).build(env));
    }

    /** Adds the job's graph to {@code env}. */
    public void build(StreamExecutionEnvironment env) {
        IngestSettings ingest = settings.ingest();
        DecodeLimits limits = ingest.decodeLimits();
        Ingested<QoeEvent> telemetry =
                Ingest.decode(
                        env,
                        sources.qoe(),
                        "qoe",
                        EventCodecs.qoeDecoder(limits),
                        EventTimeWatermarks.qoe(ingest),
                        NAME,
                        TypeInformation.of(QoeEvent.class));
        Ingested<PlaybackSample> cmcd =
                Ingest.decodeEach(
                        env,
                        sources.cmcd(),
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
                                        settings.stallThreshold().toMillis(),
                                        settings.inactivityTimeout().toMillis(),
                                        settings.stallLiveHorizon().toMillis(),
                                        settings.settleDelay().toMillis()),
                                TypeInformation.of(SessionSummary.class))
                        .uid(UID_SESSIONS)
                        .name("playback sessions");
        summaries
                .sinkTo(sinks.summaryCassandra())
                .uid(UID_SUMMARY_CASSANDRA_SINK)
                .name("write session summaries");
        summaries
                .sinkTo(sinks.summaryTopic())
                .uid(UID_SUMMARY_KAFKA_SINK)
                .name("publish session summaries");
        summaries
                .getSideOutput(PlaybackSessionFunction.STALLS)
                .sinkTo(sinks.stallTopic())
                .uid(UID_STALL_KAFKA_SINK)
                .name("publish stalls");

        DataStream<QoeAlert> alerts = cohortAlerts(summaries);
        alerts.sinkTo(sinks.alertCassandra()).uid(UID_ALERT_CASSANDRA_SINK).name("write alerts");
        alerts.sinkTo(sinks.alertTopic()).uid(UID_ALERT_KAFKA_SINK).name("publish alerts");

        Ingest.writeDeadLetters(sinks.deadLetters(), List.of(telemetry, cmcd));
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
                        .window(TumblingEventTimeWindows.of(settings.cohortWindow()))
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
                        new CohortAnomalyFunction(settings.anomaly()),
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
