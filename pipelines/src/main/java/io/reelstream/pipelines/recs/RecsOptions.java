package io.reelstream.pipelines.recs;

import io.reelstream.schemas.TopicNames;
import io.reelstream.udfs.covisit.CovisitParams;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.mf.EngagementRules;
import io.reelstream.udfs.mf.MfHyperparameters;
import io.reelstream.udfs.recs.model.RecsSettings;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.reelstream.udfs.config.OptionChecks.requireFraction;
import static io.reelstream.udfs.config.OptionChecks.requireNotNegative;
import static io.reelstream.udfs.config.OptionChecks.requirePositive;
import static io.reelstream.udfs.config.OptionChecks.requirePositiveInt;
import static io.reelstream.udfs.config.OptionChecks.requireText;

/**
 * Typed options of the recommendation job ({@code reelstream.recommendations.*}, after the job's
 * name; the {@code recs.*} keys of earlier releases still work as deprecated keys).
 */
public final class RecsOptions {

    private static final MfHyperparameters HP = MfHyperparameters.defaults();
    private static final EngagementRules RULES = EngagementRules.defaults();
    private static final RecsSettings DEFAULTS = RecsSettings.defaults();
    private static final CovisitParams COVISIT = CovisitParams.defaults();

    public static final ConfigOption<String> PLAYBACK_TOPIC =
            ConfigOptions.key("reelstream.recommendations.playback-topic")
                    .stringType()
                    .defaultValue(TopicNames.PLAYBACK)
                    .withDescription("Kafka topic of playback events (contract playback).")
                    .withDeprecatedKeys("recs.playback-topic");

    public static final ConfigOption<String> CATALOG_TOPIC =
            ConfigOptions.key("reelstream.recommendations.catalog-topic")
                    .stringType()
                    .defaultValue(TopicNames.CATALOG)
                    .withDescription(
                            "Compacted topic of catalog titles: rolls episodes up to shows.")
                    .withDeprecatedKeys("recs.catalog-topic");

    public static final ConfigOption<String> ITEM_FACTORS_TOPIC =
            ConfigOptions.key("reelstream.recommendations.item-factors-topic")
                    .stringType()
                    .defaultValue(TopicNames.ITEM_FACTORS)
                    .withDescription(
                            "Compacted topic the item side publishes show factors to and the user"
                                    + " side reads as its replica (key show id, binary v2 with co-visitation; v1"
                                    + " still read).")
                    .withDeprecatedKeys("recs.item-factors-topic");

    public static final ConfigOption<String> DEAD_LETTER_TOPIC =
            ConfigOptions.key("reelstream.recommendations.dead-letter-topic")
                    .stringType()
                    .defaultValue(TopicNames.DEAD_LETTER)
                    .withDescription("Kafka topic for rejected input records.")
                    .withDeprecatedKeys("recs.dead-letter-topic");

    public static final ConfigOption<Integer> K =
            ConfigOptions.key("reelstream.recommendations.k")
                    .intType()
                    .defaultValue(HP.k())
                    .withDescription("Factor dimension; the Cassandra vector columns are 32.")
                    .withDeprecatedKeys("recs.k");

    public static final ConfigOption<Float> LEARNING_RATE =
            ConfigOptions.key("reelstream.recommendations.learning-rate")
                    .floatType()
                    .defaultValue(HP.learningRate())
                    .withDescription("SGD step size (chosen by replay, docs/recommendations.md).")
                    .withDeprecatedKeys("recs.learning-rate");

    public static final ConfigOption<Float> BIAS_LEARNING_RATE =
            ConfigOptions.key("reelstream.recommendations.bias-learning-rate")
                    .floatType()
                    .defaultValue(HP.biasLearningRate())
                    .withDescription(
                            "SGD step size of item biases, smaller than the factors' so the model"
                                    + " does not collapse to popularity.")
                    .withDeprecatedKeys("recs.bias-learning-rate");

    public static final ConfigOption<Float> REGULARIZATION =
            ConfigOptions.key("reelstream.recommendations.regularization")
                    .floatType()
                    .defaultValue(HP.regularization())
                    .withDescription("L2 penalty on factors and item biases.")
                    .withDeprecatedKeys("recs.regularization");

    public static final ConfigOption<Integer> NEGATIVES =
            ConfigOptions.key("reelstream.recommendations.negatives")
                    .intType()
                    .defaultValue(HP.negativesPerUpdate())
                    .withDescription("Sampled negatives (pairwise BPR steps) per interaction.")
                    .withDeprecatedKeys("recs.negatives");

    public static final ConfigOption<Float> POPULAR_NEGATIVE_SHARE =
            ConfigOptions.key("reelstream.recommendations.popular-negative-share")
                    .floatType()
                    .defaultValue(HP.popularNegativeShare())
                    .withDescription("Share of negatives drawn from recent interactions (0..1).")
                    .withDeprecatedKeys("recs.popular-negative-share");

    public static final ConfigOption<Integer> HISTORY_REPLAYS =
            ConfigOptions.key("reelstream.recommendations.history-replays")
                    .intType()
                    .defaultValue(HP.historyReplays())
                    .withDescription(
                            "Extra pairwise steps per positive interaction on the member's earlier"
                                    + " shows (user and item halves).")
                    .withDeprecatedKeys("recs.history-replays");

    public static final ConfigOption<Long> SEED =
            ConfigOptions.key("reelstream.recommendations.seed")
                    .longType()
                    .defaultValue(HP.seed())
                    .withDescription(
                            "Seed of the factor priors; must not change for a running model.")
                    .withDeprecatedKeys("recs.seed");

    public static final ConfigOption<Integer> TOP_N =
            ConfigOptions.key("reelstream.recommendations.top-n")
                    .intType()
                    .defaultValue(DEFAULTS.topN())
                    .withDescription("Recommendations per member.")
                    .withDeprecatedKeys("recs.top-n");

    public static final ConfigOption<Duration> DEBOUNCE =
            ConfigOptions.key("reelstream.recommendations.debounce")
                    .durationType()
                    .defaultValue(Duration.ofMillis(DEFAULTS.debounceMs()))
                    .withDescription(
                            "A member's list is recomputed at most once per this interval.")
                    .withDeprecatedKeys("recs.debounce");

    public static final ConfigOption<Integer> MIN_POSITIVES =
            ConfigOptions.key("reelstream.recommendations.min-positives")
                    .intType()
                    .defaultValue(DEFAULTS.minPositivesForModel())
                    .withDescription(
                            "Members with fewer positive interactions get trending titles.")
                    .withDeprecatedKeys("recs.min-positives");

    public static final ConfigOption<Integer> HISTORY_LIMIT =
            ConfigOptions.key("reelstream.recommendations.history-limit")
                    .intType()
                    .defaultValue(DEFAULTS.historyLimit())
                    .withDescription("Shows remembered per member and excluded from their list.")
                    .withDeprecatedKeys("recs.history-limit");

    public static final ConfigOption<Duration> TRENDING_HALF_LIFE =
            ConfigOptions.key("reelstream.recommendations.trending-half-life")
                    .durationType()
                    .defaultValue(Duration.ofMillis(DEFAULTS.trendingHalfLifeMs()))
                    .withDescription("Half-life of the time-decayed popularity behind trending.")
                    .withDeprecatedKeys("recs.trending-half-life");

    public static final ConfigOption<Integer> EXPLORATION_SLOTS =
            ConfigOptions.key("reelstream.recommendations.exploration-slots")
                    .intType()
                    .defaultValue(DEFAULTS.explorationSlots())
                    .withDescription("Last slots of a model list given to the best new titles.")
                    .withDeprecatedKeys("recs.exploration-slots");

    public static final ConfigOption<Long> NEW_TITLE_INTERACTIONS =
            ConfigOptions.key("reelstream.recommendations.new-title-interactions")
                    .longType()
                    .defaultValue(DEFAULTS.newTitleInteractions())
                    .withDescription("Titles with fewer positive interactions count as new.")
                    .withDeprecatedKeys("recs.new-title-interactions");

    public static final ConfigOption<Duration> PUBLISH_INTERVAL =
            ConfigOptions.key("reelstream.recommendations.publish-interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(DEFAULTS.publishIntervalMs()))
                    .withDescription(
                            "A show's factors are published at most once per this interval.")
                    .withDeprecatedKeys("recs.publish-interval");

    public static final ConfigOption<Duration> ITEM_FACTORS_WRITE_INTERVAL =
            ConfigOptions.key("reelstream.recommendations.item-factors-write-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withDescription(
                            "Cassandra item_factors (vector-indexed, expensive to write) gets a"
                                    + " show's factors at most once per this interval of"
                                    + " processing time: the first update after a quiet interval"
                                    + " at once, the newest of the others when the interval"
                                    + " ends (held in keyed state, so not bounded by the"
                                    + " checkpoint interval). 0 writes every publication. The"
                                    + " Kafka replica is not slowed down.")
                    .withDeprecatedKeys("recs.item-factors-write-interval");

    public static final ConfigOption<Duration> PLAYBACK_TIMEOUT =
            ConfigOptions.key("reelstream.recommendations.playback-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMillis(DEFAULTS.playbackTimeoutMs()))
                    .withDescription("A playback quiet for this long (event time) is finished.")
                    .withDeprecatedKeys("recs.playback-timeout");

    public static final ConfigOption<Duration> USER_STATE_TTL =
            ConfigOptions.key("reelstream.recommendations.user-state-ttl")
                    .durationType()
                    .defaultValue(Duration.ofMillis(DEFAULTS.userStateTtlMs()))
                    .withDescription("Member state expires this long after their last interaction.")
                    .withDeprecatedKeys("recs.user-state-ttl");

    public static final ConfigOption<Long> MODEL_VERSION =
            ConfigOptions.key("reelstream.recommendations.model-version")
                    .longType()
                    .defaultValue(DEFAULTS.modelVersion())
                    .withDescription("Model generation written with factors and recommendations.")
                    .withDeprecatedKeys("recs.model-version");

    public static final ConfigOption<Integer> COVISIT_WINDOW =
            ConfigOptions.key("reelstream.recommendations.covisit.window")
                    .intType()
                    .defaultValue(COVISIT.window())
                    .withDescription(
                            "Co-visitation (\"watched together\"): distinct positive shows"
                                    + " remembered per member; a show entering the window pairs"
                                    + " with each show in it.");

    public static final ConfigOption<Integer> COVISIT_NEIGHBOURS =
            ConfigOptions.key("reelstream.recommendations.covisit.neighbours")
                    .intType()
                    .defaultValue(COVISIT.neighbours())
                    .withDescription(
                            "Co-visitation: K, the most similar neighbours (cosine) a show"
                                    + " publishes to the replica and to Cassandra similar_titles.");

    public static final ConfigOption<Integer> COVISIT_CANDIDATES =
            ConfigOptions.key("reelstream.recommendations.covisit.candidates")
                    .intType()
                    .defaultValue(COVISIT.candidates())
                    .withDescription(
                            "Co-visitation: neighbour candidates held per show (at least K); when"
                                    + " full, a new neighbour replaces the weakest decayed pair"
                                    + " count only if stronger.");

    public static final ConfigOption<Duration> COVISIT_HALF_LIFE =
            ConfigOptions.key("reelstream.recommendations.covisit.half-life")
                    .durationType()
                    .defaultValue(Duration.ofMillis(COVISIT.halfLifeMs()))
                    .withDescription(
                            "Co-visitation: event-time half-life of the show and pair counts"
                                    + " (about a season; see docs/recommendations.md).");

    public static final ConfigOption<Duration> SIMILAR_TITLES_WRITE_INTERVAL =
            ConfigOptions.key("reelstream.recommendations.similar-titles-write-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "Cassandra similar_titles gets a show's neighbours at most about once"
                                    + " per this interval (the coalescing window of its sink),"
                                    + " and only when the list changed visibly.");

    public static final ConfigOption<String> RANKER_MODELS_TOPIC =
            ConfigOptions.key("reelstream.recommendations.ranker.models-topic")
                    .stringType()
                    .defaultValue(TopicNames.RANKER_MODELS)
                    .withDescription(
                            "Compacted topic of GBDT ranker models (`./reelstream train ranker"
                                    + " --publish`): the job swaps to the newest one while running."
                                    + " Without a model, a fixed blend of the sources ranks (metric"
                                    + " rankerBlendDecisions).");

    public static final ConfigOption<Integer> RANKER_CANDIDATES_PER_SOURCE =
            ConfigOptions.key("reelstream.recommendations.ranker.candidates-per-source")
                    .intType()
                    .defaultValue(50)
                    .withDescription(
                            "Candidates each source (MF, co-visitation, trending) proposes per"
                                    + " decision; the ranker scores their union.");

    public static final ConfigOption<String> TRAINING_LOG_PATH =
            ConfigOptions.key("reelstream.recommendations.training-log.path")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "Directory (any Flink file system: file://, s3://, hdfs://) of the"
                                    + " training log: every decision's candidates with the features"
                                    + " served and their labels, as Parquet under dt=YYYY-MM-DD/."
                                    + " Empty: no training log.");

    public static final ConfigOption<Duration> TRAINING_LOG_HORIZON =
            ConfigOptions.key("reelstream.recommendations.training-log.horizon")
                    .durationType()
                    .defaultValue(Duration.ofHours(24))
                    .withDescription(
                            "Label horizon (event time): a candidate is labelled by what the"
                                    + " member started (1) or completed (2) in (decision, decision"
                                    + " + horizon]; its row is written once the watermark passes"
                                    + " the horizon.");

    public static final ConfigOption<Duration> TRAINING_LOG_MAX_DECISION_DELAY =
            ConfigOptions.key("reelstream.recommendations.training-log.max-decision-delay")
                    .durationType()
                    .defaultValue(Duration.ofHours(24))
                    .withDescription(
                            "How far (event time) a decision may trail the watermark when it"
                                    + " reaches the labeller (members' plays are kept this long);"
                                    + " later decisions are dropped (metric lateDecisions).");

    public static final ConfigOption<Double> TRAINING_LOG_MEMBER_SHARE =
            ConfigOptions.key("reelstream.recommendations.training-log.member-share")
                    .doubleType()
                    .defaultValue(1.0)
                    .withDescription(
                            "Share of members (by a hash of the member id, so a sampled member's"
                                    + " decisions are all logged) whose decisions enter the"
                                    + " training log. Lower it at scale: each decision logs about"
                                    + " 150 candidates.");

    public static final ConfigOption<Duration> MIN_WATCHED =
            ConfigOptions.key("reelstream.recommendations.engagement.min-watched")
                    .durationType()
                    .defaultValue(Duration.ofMillis(RULES.minWatchedMs()))
                    .withDescription("Watched time that makes a playback an interaction.")
                    .withDeprecatedKeys("recs.engagement.min-watched");

    public static final ConfigOption<Double> MIN_FRACTION =
            ConfigOptions.key("reelstream.recommendations.engagement.min-fraction")
                    .doubleType()
                    .defaultValue(RULES.minFraction())
                    .withDescription("Fraction of runtime that makes a playback an interaction.")
                    .withDeprecatedKeys("recs.engagement.min-fraction");

    public static final ConfigOption<Boolean> REQUIRE_BOTH =
            ConfigOptions.key("reelstream.recommendations.engagement.require-both")
                    .booleanType()
                    .defaultValue(RULES.requireBoth())
                    .withDescription(
                            "Whether minutes and fraction are both required (else either).")
                    .withDeprecatedKeys("recs.engagement.require-both");

    public static final ConfigOption<Double> COMPLETION_FRACTION =
            ConfigOptions.key("reelstream.recommendations.engagement.completion-fraction")
                    .doubleType()
                    .defaultValue(RULES.completionFraction())
                    .withDescription(
                            "Fraction of runtime from which a playback counts as completed.")
                    .withDeprecatedKeys("recs.engagement.completion-fraction");

    public static final ConfigOption<Float> COMPLETION_WEIGHT =
            ConfigOptions.key("reelstream.recommendations.engagement.completion-weight")
                    .floatType()
                    .defaultValue(RULES.completionWeight())
                    .withDescription("Weight of a completed playback (partial ones are 1..this).")
                    .withDeprecatedKeys("recs.engagement.completion-weight");

    public static final ConfigOption<Duration> ABANDON_WITHIN =
            ConfigOptions.key("reelstream.recommendations.engagement.abandon-within")
                    .durationType()
                    .defaultValue(Duration.ofMillis(RULES.abandonWithinMs()))
                    .withDescription("A playback ended with less watched than this is abandoned.")
                    .withDeprecatedKeys("recs.engagement.abandon-within");

    public static final ConfigOption<Float> ABANDON_WEIGHT =
            ConfigOptions.key("reelstream.recommendations.engagement.abandon-weight")
                    .floatType()
                    .defaultValue(RULES.abandonWeight())
                    .withDescription("Weight (<= 0) of an abandoned playback: a weak negative.")
                    .withDeprecatedKeys("recs.engagement.abandon-weight");

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
                    COVISIT_WINDOW,
                    COVISIT_NEIGHBOURS,
                    COVISIT_CANDIDATES,
                    COVISIT_HALF_LIFE,
                    SIMILAR_TITLES_WRITE_INTERVAL,
                    RANKER_MODELS_TOPIC,
                    RANKER_CANDIDATES_PER_SOURCE,
                    TRAINING_LOG_PATH,
                    TRAINING_LOG_HORIZON,
                    TRAINING_LOG_MAX_DECISION_DELAY,
                    TRAINING_LOG_MEMBER_SHARE,
                    MIN_WATCHED,
                    MIN_FRACTION,
                    REQUIRE_BOTH,
                    COMPLETION_FRACTION,
                    COMPLETION_WEIGHT,
                    ABANDON_WITHIN,
                    ABANDON_WEIGHT);

    private RecsOptions() {}

    /** Parses and checks every option (including the shared ingest options). */
    public static RecsJobSettings from(ReadableConfig config) {
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
        RecsSettings settings =
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
                        config.get(MODEL_VERSION),
                        covisit(config));
        return new RecsJobSettings(
                requireText(config, PLAYBACK_TOPIC),
                requireText(config, CATALOG_TOPIC),
                requireText(config, ITEM_FACTORS_TOPIC),
                requireText(config, DEAD_LETTER_TOPIC),
                settings,
                requireNotNegative(config, ITEM_FACTORS_WRITE_INTERVAL),
                requireNotNegative(config, SIMILAR_TITLES_WRITE_INTERVAL),
                requireText(config, RANKER_MODELS_TOPIC),
                requirePositiveInt(config, RANKER_CANDIDATES_PER_SOURCE),
                trainingLog(config, rules).orElse(null),
                IngestOptions.from(config));
    }

    /** The training-log settings, empty when no path is set. */
    private static Optional<TrainingLogSettings> trainingLog(
            ReadableConfig config, EngagementRules rules) {
        Optional<String> path = config.getOptional(TRAINING_LOG_PATH).filter(p -> !p.isBlank());
        if (path.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new TrainingLogSettings(
                        path.get(),
                        requirePositive(config, TRAINING_LOG_HORIZON).toMillis(),
                        requireNotNegative(config, TRAINING_LOG_MAX_DECISION_DELAY).toMillis(),
                        requireFraction(config, TRAINING_LOG_MEMBER_SHARE),
                        rules.completionWeight()));
    }

    /** The co-visitation settings; {@link CovisitParams} checks them (K ≤ candidates, ...). */
    private static CovisitParams covisit(ReadableConfig config) {
        return new CovisitParams(
                config.get(COVISIT_HALF_LIFE).toMillis(),
                config.get(COVISIT_WINDOW),
                config.get(COVISIT_NEIGHBOURS),
                config.get(COVISIT_CANDIDATES),
                COVISIT.recencyHalfLife());
    }
}
