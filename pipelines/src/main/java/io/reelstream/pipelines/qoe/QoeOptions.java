package io.reelstream.pipelines.qoe;

import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.qoe.model.AnomalySettings;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/** Typed options of the playback quality (QoE) job, parsed once from the job configuration. */
public final class QoeOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final ConfigOption<String> QOE_TOPIC =
            ConfigOptions.key("qoe.qoe-topic")
                    .stringType()
                    .defaultValue("reelstream.qoe.v1")
                    .withDescription("Kafka topic of player QoE telemetry (contract qoe).");

    public static final ConfigOption<String> CMCD_TOPIC =
            ConfigOptions.key("qoe.cmcd-topic")
                    .stringType()
                    .defaultValue("reelstream.cmcd.v1")
                    .withDescription("Kafka topic of CMCD (CTA-5004) reports (contract cmcd).");

    public static final ConfigOption<String> SESSIONS_TOPIC =
            ConfigOptions.key("qoe.sessions-topic")
                    .stringType()
                    .defaultValue("reelstream.qoe-sessions.v1")
                    .withDescription("Kafka topic of playback session summaries.");

    public static final ConfigOption<String> STALLS_TOPIC =
            ConfigOptions.key("qoe.stalls-topic")
                    .stringType()
                    .defaultValue("reelstream.qoe-stalls.v1")
                    .withDescription("Kafka topic of live stall signals.");

    public static final ConfigOption<String> ALERTS_TOPIC =
            ConfigOptions.key("qoe.alerts-topic")
                    .stringType()
                    .defaultValue("reelstream.qoe-alerts.v1")
                    .withDescription("Kafka topic of cohort alerts (OPEN / RESOLVED).");

    public static final ConfigOption<String> DEAD_LETTER_TOPIC =
            ConfigOptions.key("qoe.dead-letter-topic")
                    .stringType()
                    .defaultValue("reelstream.dead-letter.v1")
                    .withDescription("Kafka topic for rejected telemetry and CMCD records.");

    public static final ConfigOption<Duration> STALL_THRESHOLD =
            ConfigOptions.key("qoe.stall-threshold")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription("A rebuffer lasting this long emits a live stall signal.");

    public static final ConfigOption<Duration> STALL_LIVE_HORIZON =
            ConfigOptions.key("qoe.stall-signal.live-horizon")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "A sample at most this old (event time against the wall clock) signals"
                                    + " a stall ahead of the watermark: at once if the arrived"
                                    + " samples show it, else by a processing-time timer when the"
                                    + " rebuffer crosses the threshold. Older samples (a backlog)"
                                    + " wait for the watermark. 0 leaves every stall to the"
                                    + " watermark (its out-of-orderness later, never signalled"
                                    + " for a rebuffer a delayed sample ends in time).");

    public static final ConfigOption<Duration> INACTIVITY_TIMEOUT =
            ConfigOptions.key("qoe.inactivity-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(2))
                    .withDescription(
                            "A playback without telemetry this long (event time) is closed as"
                                    + " ABANDONED; also how long late samples of a closed"
                                    + " playback are dropped.");

    public static final ConfigOption<Duration> COHORT_WINDOW =
            ConfigOptions.key("qoe.cohort-window")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription("Tumbling event-time window of cohort metrics (evaluation).");

    public static final ConfigOption<Long> MIN_SESSIONS =
            ConfigOptions.key("qoe.anomaly.min-sessions")
                    .longType()
                    .defaultValue(20L)
                    .withDescription(
                            "Cohort windows with fewer sessions are neither evaluated nor learned.");

    public static final ConfigOption<Double> LEVEL_SMOOTHING =
            ConfigOptions.key("qoe.anomaly.level-smoothing")
                    .doubleType()
                    .defaultValue(0.3)
                    .withDescription("Holt alpha: weight of a new window in the baseline level.");

    public static final ConfigOption<Double> TREND_SMOOTHING =
            ConfigOptions.key("qoe.anomaly.trend-smoothing")
                    .doubleType()
                    .defaultValue(0.05)
                    .withDescription("Holt beta: weight of a new slope in the baseline trend.");

    public static final ConfigOption<Double> BAND_SIGMAS =
            ConfigOptions.key("qoe.anomaly.band-sigmas")
                    .doubleType()
                    .defaultValue(4.0)
                    .withDescription(
                            "A value more than this many forecast-error deviations above the"
                                    + " baseline is anomalous (never less than the metric's minimum"
                                    + " rise).");

    public static final ConfigOption<Integer> WARMUP_WINDOWS =
            ConfigOptions.key("qoe.anomaly.warmup-windows")
                    .intType()
                    .defaultValue(5)
                    .withDescription("Windows a cohort metric learns before it may alert.");

    public static final ConfigOption<Integer> RESOLVE_AFTER =
            ConfigOptions.key("qoe.anomaly.resolve-after-windows")
                    .intType()
                    .defaultValue(2)
                    .withDescription("Consecutive healthy windows that resolve an open alert.");

    public static final ConfigOption<Duration> COHORT_IDLE_TIMEOUT =
            ConfigOptions.key("qoe.anomaly.cohort-idle-timeout")
                    .durationType()
                    .defaultValue(Duration.ofHours(6))
                    .withDescription(
                            "A cohort without windows this long forgets its baseline and resolves"
                                    + " its open alerts.");

    public static final List<ConfigOption<?>> ALL =
            List.of(
                    QOE_TOPIC,
                    CMCD_TOPIC,
                    SESSIONS_TOPIC,
                    STALLS_TOPIC,
                    ALERTS_TOPIC,
                    DEAD_LETTER_TOPIC,
                    STALL_THRESHOLD,
                    STALL_LIVE_HORIZON,
                    INACTIVITY_TIMEOUT,
                    COHORT_WINDOW,
                    MIN_SESSIONS,
                    LEVEL_SMOOTHING,
                    TREND_SMOOTHING,
                    BAND_SIGMAS,
                    WARMUP_WINDOWS,
                    RESOLVE_AFTER,
                    COHORT_IDLE_TIMEOUT);

    private final String qoeTopic;
    private final String cmcdTopic;
    private final String sessionsTopic;
    private final String stallsTopic;
    private final String alertsTopic;
    private final String deadLetterTopic;
    private final Duration stallThreshold;
    private final Duration inactivityTimeout;
    private final Duration stallLiveHorizon;
    private final Duration cohortWindow;
    private final AnomalySettings anomaly;
    private final IngestOptions ingest;

    private QoeOptions(ReadableConfig config) {
        this.qoeTopic = config.get(QOE_TOPIC);
        this.cmcdTopic = config.get(CMCD_TOPIC);
        this.sessionsTopic = config.get(SESSIONS_TOPIC);
        this.stallsTopic = config.get(STALLS_TOPIC);
        this.alertsTopic = config.get(ALERTS_TOPIC);
        this.deadLetterTopic = config.get(DEAD_LETTER_TOPIC);
        this.stallThreshold = requirePositive(config.get(STALL_THRESHOLD), STALL_THRESHOLD);
        this.inactivityTimeout =
                requirePositive(config.get(INACTIVITY_TIMEOUT), INACTIVITY_TIMEOUT);
        this.stallLiveHorizon = config.get(STALL_LIVE_HORIZON);
        if (stallLiveHorizon.isNegative()) {
            throw new IllegalArgumentException(
                    STALL_LIVE_HORIZON.key() + " must not be negative: " + stallLiveHorizon);
        }
        this.cohortWindow = requirePositive(config.get(COHORT_WINDOW), COHORT_WINDOW);
        this.anomaly =
                new AnomalySettings(
                        requireFraction(config.get(LEVEL_SMOOTHING), LEVEL_SMOOTHING),
                        requireFraction(config.get(TREND_SMOOTHING), TREND_SMOOTHING),
                        config.get(BAND_SIGMAS),
                        config.get(WARMUP_WINDOWS),
                        config.get(MIN_SESSIONS),
                        config.get(RESOLVE_AFTER),
                        requirePositive(config.get(COHORT_IDLE_TIMEOUT), COHORT_IDLE_TIMEOUT)
                                .toMillis());
        this.ingest = IngestOptions.fromConfig(config);
    }

    /** Parses and checks every option (including the shared ingest options). */
    public static QoeOptions fromConfig(ReadableConfig config) {
        return new QoeOptions(config);
    }

    public String qoeTopic() {
        return qoeTopic;
    }

    public String cmcdTopic() {
        return cmcdTopic;
    }

    public String sessionsTopic() {
        return sessionsTopic;
    }

    public String stallsTopic() {
        return stallsTopic;
    }

    public String alertsTopic() {
        return alertsTopic;
    }

    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    public Duration stallThreshold() {
        return stallThreshold;
    }

    public Duration inactivityTimeout() {
        return inactivityTimeout;
    }

    public Duration stallLiveHorizon() {
        return stallLiveHorizon;
    }

    public Duration cohortWindow() {
        return cohortWindow;
    }

    public AnomalySettings anomaly() {
        return anomaly;
    }

    public IngestOptions ingest() {
        return ingest;
    }

    @Override
    public String toString() {
        return "QoeOptions{qoeTopic="
                + qoeTopic
                + ", cmcdTopic="
                + cmcdTopic
                + ", stallThreshold="
                + stallThreshold
                + ", inactivityTimeout="
                + inactivityTimeout
                + ", stallLiveHorizon="
                + stallLiveHorizon
                + ", cohortWindow="
                + cohortWindow
                + ", anomaly="
                + anomaly
                + ", ingest="
                + ingest
                + "}";
    }

    private static Duration requirePositive(Duration value, ConfigOption<Duration> option) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(option.key() + " must be positive: " + value);
        }
        return value;
    }

    private static double requireFraction(double value, ConfigOption<Double> option) {
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException(option.key() + " must be in [0, 1]: " + value);
        }
        return value;
    }
}
