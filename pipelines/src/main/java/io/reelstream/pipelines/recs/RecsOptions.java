package io.reelstream.pipelines.recs;

import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.mf.EngagementRules;
import io.reelstream.udfs.mf.MfHyperparameters;
import io.reelstream.udfs.recs.model.RecsSettings;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/** Typed options of the recommendation job, parsed once from the job configuration. */
public final class RecsOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final MfHyperparameters HP = MfHyperparameters.defaults();
    private static final EngagementRules RULES = EngagementRules.defaults();
    private static final RecsSettings DEFAULTS = RecsSettings.defaults();

    public static final ConfigOption<String> PLAYBACK_TOPIC =
            ConfigOptions.key("recs.playback-topic")
                    .stringType()
                    .defaultValue("reelstream.playback.v1")
                    .withDescription("Kafka topic of playback events (contract playback).");

    public static final ConfigOption<String> CATALOG_TOPIC =
            ConfigOptions.key("recs.catalog-topic")
                    .stringType()
                    .defaultValue("reelstream.catalog.v1")
                    .withDescription(
                            "Compacted topic of catalog titles: rolls episodes up to shows.");

    public static final ConfigOption<String> ITEM_FACTORS_TOPIC =
            ConfigOptions.key("recs.item-factors-topic")
                    .stringType()
                    .defaultValue("reelstream.item-factors.v1")
                    .withDescription(
                            "Compacted topic the item side publishes show factors to and the user"
                                    + " side reads as its replica (key show id, binary v1).");

    public static final ConfigOption<String> DEAD_LETTER_TOPIC =
            ConfigOptions.key("recs.dead-letter-topic")
                    .stringType()
                    .defaultValue("reelstream.dead-letter.v1")
                    .withDescription("Kafka topic for rejected input records.");

    public static final ConfigOption<Integer> K =
            ConfigOptions.key("recs.k")
                    .intType()
                    .defaultValue(HP.k())
                    .withDescription("Factor dimension; the Cassandra vector columns are 32.");

    public static final ConfigOption<Float> LEARNING_RATE =
            ConfigOptions.key("recs.learning-rate")
                    .floatType()
                    .defaultValue(HP.learningRate())
                    .withDescription("SGD step size (chosen by replay, docs/recommendations.md).");

    public static final ConfigOption<Float> BIAS_LEARNING_RATE =
            ConfigOptions.key("recs.bias-learning-rate")
                    .floatType()
                    .defaultValue(HP.biasLearningRate())
                    .withDescription(
                            "SGD step size of item biases, smaller than the factors' so the model"
                                    + " does not collapse to popularity.");

    public static final ConfigOption<Float> REGULARIZATION =
            ConfigOptions.key("recs.regularization")
                    .floatType()
                    .defaultValue(HP.regularization())
                    .withDescription("L2 penalty on factors and item biases.");

    public static final ConfigOption<Integer> NEGATIVES =
            ConfigOptions.key("recs.negatives")
                    .intType()
                    .defaultValue(HP.negativesPerUpdate())
                    .withDescription("Sampled negatives (pairwise BPR steps) per interaction.");

    public static final ConfigOption<Float> POPULAR_NEGATIVE_SHARE =
            ConfigOptions.key("recs.popular-negative-share")
                    .floatType()
                    .defaultValue(HP.popularNegativeShare())
                    .withDescription("Share of negatives drawn from recent interactions (0..1).");

    public static final ConfigOption<Integer> HISTORY_REPLAYS =
            ConfigOptions.key("recs.history-replays")
                    .intType()
                    .defaultValue(HP.historyReplays())
                    .withDescription(
                            "Extra pairwise steps per positive interaction on the member's earlier"
                                    + " shows (user and item halves).");

    public static final ConfigOption<Long> SEED =
            ConfigOptions.key("recs.seed")
                    .longType()
                    .defaultValue(HP.seed())
                    .withDescription(
                            "Seed of the factor priors; must not change for a running model.");

    public static final ConfigOption<Integer> TOP_N =
            ConfigOptions.key("recs.top-n")
                    .intType()
                    .defaultValue(DEFAULTS.topN())
                    .withDescription("Recommendations per member.");

    public static final ConfigOption<Duration> DEBOUNCE =
            ConfigOptions.key("recs.debounce")
                    .durationType()
                    .defaultValue(Duration.ofMillis(DEFAULTS.debounceMs()))
                    .withDescription(
                            "A member's list is recomputed at most once per this interval.");

    public static final ConfigOption<Integer> MIN_POSITIVES =
            ConfigOptions.key("recs.min-positives")
                    .intType()
                    .defaultValue(DEFAULTS.minPositivesForModel())
                    .withDescription(
                            "Members with fewer positive interactions get trending titles.");

    public static final ConfigOption<Integer> HISTORY_LIMIT =
            ConfigOptions.key("recs.history-limit")
                    .intType()
                    .defaultValue(DEFAULTS.historyLimit())
                    .withDescription("Shows remembered per member and excluded from their list.");

    public static final ConfigOption<Duration> TRENDING_HALF_LIFE =
            ConfigOptions.key("recs.trending-half-life")
                    .durationType()
                    .defaultValue(Duration.ofMillis(DEFAULTS.trendingHalfLifeMs()))
                    .withDescription("Half-life of the time-decayed popularity behind trending.");

    public static final ConfigOption<Integer> EXPLORATION_SLOTS =
            ConfigOptions.key("recs.exploration-slots")
                    .intType()
                    .defaultValue(DEFAULTS.explorationSlots())
                    .withDescription("Last slots of a model list given to the best new titles.");

    public static final ConfigOption<Long> NEW_TITLE_INTERACTIONS =
            ConfigOptions.key("recs.new-title-interactions")
                    .longType()
                    .defaultValue(DEFAULTS.newTitleInteractions())
                    .withDescription("Titles with fewer positive interactions count as new.");

    public static final ConfigOption<Duration> PUBLISH_INTERVAL =
            ConfigOptions.key("recs.publish-interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(DEFAULTS.publishIntervalMs()))
                    .withDescription(
                            "A show's factors are published at most once per this interval.");

    public static final ConfigOption<Duration> ITEM_FACTORS_WRITE_INTERVAL =
            ConfigOptions.key("recs.item-factors-write-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "Cassandra item_factors (vector-indexed, expensive to write) gets a"
                                    + " show's factors at most about once per this interval: the"
                                    + " coalescing window of its sink. The Kafka replica is not"
                                    + " slowed down.");

    public static final ConfigOption<Duration> PLAYBACK_TIMEOUT =
            ConfigOptions.key("recs.playback-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMillis(DEFAULTS.playbackTimeoutMs()))
                    .withDescription("A playback quiet for this long (event time) is finished.");

    public static final ConfigOption<Duration> USER_STATE_TTL =
            ConfigOptions.key("recs.user-state-ttl")
                    .durationType()
                    .defaultValue(Duration.ofMillis(DEFAULTS.userStateTtlMs()))
                    .withDescription(
                            "Member state expires this long after their last interaction.");

    public static final ConfigOption<Long> MODEL_VERSION =
            ConfigOptions.key("recs.model-version")
                    .longType()
                    .defaultValue(DEFAULTS.modelVersion())
                    .withDescription("Model generation written with factors and recommendations.");

    public static final ConfigOption<Duration> MIN_WATCHED =
            ConfigOptions.key("recs.engagement.min-watched")
                    .durationType()
                    .defaultValue(Duration.ofMillis(RULES.minWatchedMs()))
                    .withDescription("Watched time that makes a playback an interaction.");

    public static final ConfigOption<Double> MIN_FRACTION =
            ConfigOptions.key("recs.engagement.min-fraction")
                    .doubleType()
                    .defaultValue(RULES.minFraction())
                    .withDescription("Fraction of runtime that makes a playback an interaction.");

    public static final ConfigOption<Boolean> REQUIRE_BOTH =
            ConfigOptions.key("recs.engagement.require-both")
                    .booleanType()
                    .defaultValue(RULES.requireBoth())
                    .withDescription(
                            "Whether minutes and fraction are both required (else either).");

    public static final ConfigOption<Double> COMPLETION_FRACTION =
            ConfigOptions.key("recs.engagement.completion-fraction")
                    .doubleType()
                    .defaultValue(RULES.completionFraction())
                    .withDescription(
                            "Fraction of runtime from which a playback counts as completed.");

    public static final ConfigOption<Float> COMPLETION_WEIGHT =
            ConfigOptions.key("recs.engagement.completion-weight")
                    .floatType()
                    .defaultValue(RULES.completionWeight())
                    .withDescription("Weight of a completed playback (partial ones are 1..this).");

    public static final ConfigOption<Duration> ABANDON_WITHIN =
            ConfigOptions.key("recs.engagement.abandon-within")
                    .durationType()
                    .defaultValue(Duration.ofMillis(RULES.abandonWithinMs()))
                    .withDescription("A playback ended with less watched than this is abandoned.");

    public static final ConfigOption<Float> ABANDON_WEIGHT =
            ConfigOptions.key("recs.engagement.abandon-weight")
                    .floatType()
                    .defaultValue(RULES.abandonWeight())
                    .withDescription("Weight (<= 0) of an abandoned playback: a weak negative.");

    /** Every option of this job, for documentation and CLI help. */
    public static final List<ConfigOption<?>> ALL =
            List.of(
                    PLAYBACK_TOPIC,
                    CATALOG_TOPIC,
                    ITEM_FACTORS_TOPIC,
                    DEAD_LETTER_TOPIC,
                    K,
                    LEARNING_RATE,
                    BIAS_LEARNING_RATE,
                    REGULARIZATION,
                    NEGATIVES,
                    POPULAR_NEGATIVE_SHARE,
                    HISTORY_REPLAYS,
                    SEED,
                    TOP_N,
                    DEBOUNCE,
                    MIN_POSITIVES,
                    HISTORY_LIMIT,
                    TRENDING_HALF_LIFE,
                    EXPLORATION_SLOTS,
                    NEW_TITLE_INTERACTIONS,
                    PUBLISH_INTERVAL,
                    ITEM_FACTORS_WRITE_INTERVAL,
                    PLAYBACK_TIMEOUT,
                    USER_STATE_TTL,
                    MODEL_VERSION,
                    MIN_WATCHED,
                    MIN_FRACTION,
                    REQUIRE_BOTH,
                    COMPLETION_FRACTION,
                    COMPLETION_WEIGHT,
                    ABANDON_WITHIN,
                    ABANDON_WEIGHT);

    private final String playbackTopic;
    private final String catalogTopic;
    private final String itemFactorsTopic;
    private final String deadLetterTopic;
    private final RecsSettings settings;
    private final Duration itemFactorsWriteInterval;
    private final IngestOptions ingest;

    private RecsOptions(ReadableConfig config) {
        this.playbackTopic = requireText(config, PLAYBACK_TOPIC);
        this.catalogTopic = requireText(config, CATALOG_TOPIC);
        this.itemFactorsTopic = requireText(config, ITEM_FACTORS_TOPIC);
        this.deadLetterTopic = requireText(config, DEAD_LETTER_TOPIC);
        MfHyperparameters hp =
                new MfHyperparameters(
                        config.get(K),
                        config.get(LEARNING_RATE),
                        config.get(BIAS_LEARNING_RATE),
                        config.get(REGULARIZATION),
                        config.get(REGULARIZATION),
                        config.get(NEGATIVES),
                        HP.initScale(),
                        config.get(POPULAR_NEGATIVE_SHARE),
                        config.get(HISTORY_REPLAYS),
                        config.get(SEED));
        EngagementRules rules =
                new EngagementRules(
                        config.get(MIN_WATCHED).toMillis(),
                        config.get(MIN_FRACTION),
                        config.get(REQUIRE_BOTH),
                        config.get(COMPLETION_FRACTION),
                        config.get(COMPLETION_WEIGHT),
                        config.get(ABANDON_WITHIN).toMillis(),
                        config.get(ABANDON_WEIGHT));
        this.settings =
                new RecsSettings(
                        hp,
                        rules,
                        config.get(TOP_N),
                        config.get(DEBOUNCE).toMillis(),
                        config.get(MIN_POSITIVES),
                        config.get(HISTORY_LIMIT),
                        config.get(TRENDING_HALF_LIFE).toMillis(),
                        config.get(EXPLORATION_SLOTS),
                        config.get(NEW_TITLE_INTERACTIONS),
                        config.get(PUBLISH_INTERVAL).toMillis(),
                        config.get(PLAYBACK_TIMEOUT).toMillis(),
                        config.get(USER_STATE_TTL).toMillis(),
                        config.get(MODEL_VERSION));
        this.itemFactorsWriteInterval = config.get(ITEM_FACTORS_WRITE_INTERVAL);
        if (itemFactorsWriteInterval.isNegative()) {
            throw new IllegalArgumentException(
                    ITEM_FACTORS_WRITE_INTERVAL.key() + " must not be negative");
        }
        this.ingest = IngestOptions.fromConfig(config);
    }

    /** Parses and checks every option (including the shared ingest options). */
    public static RecsOptions fromConfig(ReadableConfig config) {
        return new RecsOptions(config);
    }

    public String playbackTopic() {
        return playbackTopic;
    }

    public String catalogTopic() {
        return catalogTopic;
    }

    public String itemFactorsTopic() {
        return itemFactorsTopic;
    }

    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    public RecsSettings settings() {
        return settings;
    }

    public Duration itemFactorsWriteInterval() {
        return itemFactorsWriteInterval;
    }

    public IngestOptions ingest() {
        return ingest;
    }

    @Override
    public String toString() {
        return "RecsOptions{playbackTopic="
                + playbackTopic
                + ", catalogTopic="
                + catalogTopic
                + ", itemFactorsTopic="
                + itemFactorsTopic
                + ", deadLetterTopic="
                + deadLetterTopic
                + ", settings="
                + settings
                + ", itemFactorsWriteInterval="
                + itemFactorsWriteInterval
                + ", ingest="
                + ingest
                + "}";
    }

    private static String requireText(ReadableConfig config, ConfigOption<String> option) {
        String value = config.get(option);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option.key() + " must not be blank");
        }
        return value;
    }
}
