package io.reelstream.pipelines.qoe;

import io.reelstream.schemas.TopicNames;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.qoe.model.AnomalySettings;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

import java.time.Duration;
import java.util.List;

import static io.reelstream.udfs.config.OptionChecks.requireFraction;
import static io.reelstream.udfs.config.OptionChecks.requireNotNegative;
import static io.reelstream.udfs.config.OptionChecks.requirePositive;
import static io.reelstream.udfs.config.OptionChecks.requireText;

/**
 * Typed options of the playback quality (QoE) job ({@code reelstream.qoe.*}; the {@code qoe.*} keys
 * of earlier releases still work as deprecated keys).
 */
public final class QoeOptions {

    public static final ConfigOption<String> QOE_TOPIC =
            ConfigOptions.key("reelstream.qoe.qoe-topic")
                    .stringType()
                    .defaultValue(TopicNames.QOE)
                    .withDescription("Kafka topic of player QoE telemetry (contract qoe).")
                    .withDeprecatedKeys("qoe.qoe-topic");

    public static final ConfigOption<String> CMCD_TOPIC =
            ConfigOptions.key("reelstream.qoe.cmcd-topic")
                    .stringType()
                    .defaultValue(TopicNames.CMCD)
                    .withDescription("Kafka topic of CMCD (CTA-5004) reports (contract cmcd).")
                    .withDeprecatedKeys("qoe.cmcd-topic");

    public static final ConfigOption<String> SESSIONS_TOPIC =
            ConfigOptions.key("reelstream.qoe.sessions-topic")
                    .stringType()
                    .defaultValue(TopicNames.QOE_SESSIONS)
                    .withDescription("Kafka topic of playback session summaries.")
                    .withDeprecatedKeys("qoe.sessions-topic");

    public static final ConfigOption<String> STALLS_TOPIC =
            ConfigOptions.key("reelstream.qoe.stalls-topic")
                    .stringType()
                    .defaultValue(TopicNames.QOE_STALLS)
                    .withDescription("Kafka topic of live stall signals.")
                    .withDeprecatedKeys("qoe.stalls-topic");

    public static final ConfigOption<String> ALERTS_TOPIC =
            ConfigOptions.key("reelstream.qoe.alerts-topic")
                    .stringType()
                    .defaultValue(TopicNames.QOE_ALERTS)
                    .withDescription("Kafka topic of cohort alerts (OPEN / RESOLVED).")
                    .withDeprecatedKeys("qoe.alerts-topic");

    public static final ConfigOption<String> DEAD_LETTER_TOPIC =
            ConfigOptions.key("reelstream.qoe.dead-letter-topic")
                    .stringType()
                    .defaultValue(TopicNames.DEAD_LETTER)
                    .withDescription("Kafka topic for rejected telemetry and CMCD records.")
                    .withDeprecatedKeys("qoe.dead-letter-topic");

    public static final ConfigOption<Duration> STALL_THRESHOLD =
            ConfigOptions.key("reelstream.qoe.stall-threshold")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription("A rebuffer lasting this long emits a live stall signal.")
                    .withDeprecatedKeys("qoe.stall-threshold");

    public static final ConfigOption<Duration> STALL_LIVE_HORIZON =
            ConfigOptions.key("reelstream.qoe.stall-signal.live-horizon")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "A sample at most this old (event time against the wall clock) signals"
                                    + " a stall ahead of the watermark: at once if the arrived"
                                    + " samples show it, else by a processing-time timer when the"
                                    + " rebuffer crosses the threshold. Older samples (a backlog)"
                                    + " wait for the watermark. 0 leaves every stall to the"
                                    + " watermark (its out-of-orderness later, never signalled"
                                    + " for a rebuffer a delayed sample ends in time).")
                    .withDeprecatedKeys("qoe.stall-signal.live-horizon");

    public static final ConfigOption<Duration> INACTIVITY_TIMEOUT =
            ConfigOptions.key("reelstream.qoe.inactivity-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(2))
                    .withDescription(
                            "A playback without telemetry this long (event time) is closed as"
                                    + " ABANDONED; also how long late samples of a closed"
                                    + " playback are dropped.")
                    .withDeprecatedKeys("qoe.inactivity-timeout");

    public static final ConfigOption<Duration> SETTLE_DELAY =
            ConfigOptions.key("reelstream.qoe.settle-delay")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "A live sample that does not end its playback (its stalls are"
                                    + " signalled ahead) is settled into the playback's state when"
                                    + " the next sample of the playback arrives, or by a timer this"
                                    + " long after it: steady samples then cost one state read"
                                    + " each instead of two. Summaries and stalls are the same. At"
                                    + " most the inactivity timeout; 0 settles every sample when"
                                    + " the watermark passes it.");

    public static final ConfigOption<Duration> COHORT_WINDOW =
            ConfigOptions.key("reelstream.qoe.cohort-window")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription("Tumbling event-time window of cohort metrics (evaluation).")
                    .withDeprecatedKeys("qoe.cohort-window");

    public static final ConfigOption<Long> MIN_SESSIONS =
            ConfigOptions.key("reelstream.qoe.anomaly.min-sessions")
                    .longType()
                    .defaultValue(20L)
                    .withDescription(
                            "Cohort windows with fewer sessions are neither evaluated nor learned.")
                    .withDeprecatedKeys("qoe.anomaly.min-sessions");

    public static final ConfigOption<Double> LEVEL_SMOOTHING =
            ConfigOptions.key("reelstream.qoe.anomaly.level-smoothing")
                    .doubleType()
                    .defaultValue(0.3)
                    .withDescription("Holt alpha: weight of a new window in the baseline level.")
                    .withDeprecatedKeys("qoe.anomaly.level-smoothing");

    public static final ConfigOption<Double> TREND_SMOOTHING =
            ConfigOptions.key("reelstream.qoe.anomaly.trend-smoothing")
                    .doubleType()
                    .defaultValue(0.05)
                    .withDescription("Holt beta: weight of a new slope in the baseline trend.")
                    .withDeprecatedKeys("qoe.anomaly.trend-smoothing");

    public static final ConfigOption<Double> BAND_SIGMAS =
            ConfigOptions.key("reelstream.qoe.anomaly.band-sigmas")
                    .doubleType()
                    .defaultValue(4.0)
                    .withDescription(
                            "A value more than this many forecast-error deviations above the"
                                    + " baseline is anomalous (never less than the metric's minimum"
                                    + " rise).")
                    .withDeprecatedKeys("qoe.anomaly.band-sigmas");

    public static final ConfigOption<Integer> WARMUP_WINDOWS =
            ConfigOptions.key("reelstream.qoe.anomaly.warmup-windows")
                    .intType()
                    .defaultValue(5)
                    .withDescription("Windows a cohort metric learns before it may alert.")
                    .withDeprecatedKeys("qoe.anomaly.warmup-windows");

    public static final ConfigOption<Integer> RESOLVE_AFTER =
            ConfigOptions.key("reelstream.qoe.anomaly.resolve-after-windows")
                    .intType()
                    .defaultValue(2)
                    .withDescription("Consecutive healthy windows that resolve an open alert.")
                    .withDeprecatedKeys("qoe.anomaly.resolve-after-windows");

    public static final ConfigOption<Duration> COHORT_IDLE_TIMEOUT =
            ConfigOptions.key("reelstream.qoe.anomaly.cohort-idle-timeout")
                    .durationType()
                    .defaultValue(Duration.ofHours(6))
                    .withDescription(
                            "A cohort without windows this long forgets its baseline and resolves"
                                    + " its open alerts.")
                    .withDeprecatedKeys("qoe.anomaly.cohort-idle-timeout");

    /** Every option of this job, for documentation and CLI help. */
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
                    SETTLE_DELAY,
                    COHORT_WINDOW,
                    MIN_SESSIONS,
                    LEVEL_SMOOTHING,
                    TREND_SMOOTHING,
                    BAND_SIGMAS,
                    WARMUP_WINDOWS,
                    RESOLVE_AFTER,
                    COHORT_IDLE_TIMEOUT);

    private QoeOptions() {}

    /** Parses and checks every option (including the shared ingest options). */
    public static QoeJobSettings from(ReadableConfig config) {
        Duration inactivityTimeout = requirePositive(config, INACTIVITY_TIMEOUT);
        Duration settleDelay = requireNotNegative(config, SETTLE_DELAY);
        if (settleDelay.compareTo(inactivityTimeout) > 0) {
            throw new IllegalArgumentException(
                    SETTLE_DELAY.key()
                            + " must not exceed "
                            + INACTIVITY_TIMEOUT.key()
                            + ": "
                            + settleDelay);
        }
        return new QoeJobSettings(
                requireText(config, QOE_TOPIC),
                requireText(config, CMCD_TOPIC),
                requireText(config, SESSIONS_TOPIC),
                requireText(config, STALLS_TOPIC),
                requireText(config, ALERTS_TOPIC),
                requireText(config, DEAD_LETTER_TOPIC),
                requirePositive(config, STALL_THRESHOLD),
                inactivityTimeout,
                requireNotNegative(config, STALL_LIVE_HORIZON),
                settleDelay,
                requirePositive(config, COHORT_WINDOW),
                new AnomalySettings(
                        requireFraction(config, LEVEL_SMOOTHING),
                        requireFraction(config, TREND_SMOOTHING),
                        config.get(BAND_SIGMAS),
                        config.get(WARMUP_WINDOWS),
                        config.get(MIN_SESSIONS),
                        config.get(RESOLVE_AFTER),
                        requirePositive(config, COHORT_IDLE_TIMEOUT).toMillis()),
                IngestOptions.from(config));
    }
}
