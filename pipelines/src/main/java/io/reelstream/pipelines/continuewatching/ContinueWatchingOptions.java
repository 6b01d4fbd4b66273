package io.reelstream.pipelines.continuewatching;

import io.reelstream.schemas.TopicNames;
import io.reelstream.udfs.continuewatching.ContinueWatchingFunction;
import io.reelstream.udfs.continuewatching.model.ContinueWatchingSettings;
import io.reelstream.udfs.ingest.IngestOptions;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

import java.time.Duration;
import java.util.List;

import static io.reelstream.udfs.config.OptionChecks.requireNotNegative;
import static io.reelstream.udfs.config.OptionChecks.requireText;

/**
 * Typed options of the continue-watching job ({@code reelstream.continue-watching.*}; the {@code
 * continue-watching.*} keys of earlier releases still work as deprecated keys).
 */
public final class ContinueWatchingOptions {

    public static final ConfigOption<String> PLAYBACK_TOPIC =
            ConfigOptions.key("reelstream.continue-watching.playback-topic")
                    .stringType()
                    .defaultValue(TopicNames.PLAYBACK)
                    .withDescription("Kafka topic of playback events (contract playback).")
                    .withDeprecatedKeys("continue-watching.playback-topic");

    public static final ConfigOption<String> CATALOG_TOPIC =
            ConfigOptions.key("reelstream.continue-watching.catalog-topic")
                    .stringType()
                    .defaultValue(TopicNames.CATALOG)
                    .withDescription("Compacted Kafka topic of catalog titles (contract catalog).")
                    .withDeprecatedKeys("continue-watching.catalog-topic");

    public static final ConfigOption<String> DEAD_LETTER_TOPIC =
            ConfigOptions.key("reelstream.continue-watching.dead-letter-topic")
                    .stringType()
                    .defaultValue(TopicNames.DEAD_LETTER)
                    .withDescription("Kafka topic for rejected playback and catalog records.")
                    .withDeprecatedKeys("continue-watching.dead-letter-topic");

    public static final ConfigOption<Double> COMPLETION_THRESHOLD =
            ConfigOptions.key("reelstream.continue-watching.completion-threshold")
                    .doubleType()
                    .defaultValue(ContinueWatchingSettings.DEFAULTS.completionThreshold())
                    .withDescription(
                            "Progress (0..1] at which a title is finished and leaves the row"
                                    + " (earlier if the catalog's credits offset is reached).")
                    .withDeprecatedKeys("continue-watching.completion-threshold");

    public static final ConfigOption<Duration> MIN_WATCH_TIME =
            ConfigOptions.key("reelstream.continue-watching.min-watch-time")
                    .durationType()
                    .defaultValue(Duration.ofMillis(ContinueWatchingSettings.DEFAULTS.minWatchMs()))
                    .withDescription(
                            "Watch time (accumulated from position progress, seeks excluded) a"
                                    + " title needs before it enters the row.")
                    .withDeprecatedKeys("continue-watching.min-watch-time");

    public static final ConfigOption<Integer> MAX_ENTRIES =
            ConfigOptions.key("reelstream.continue-watching.max-entries")
                    .intType()
                    .defaultValue(ContinueWatchingSettings.DEFAULTS.maxEntries())
                    .withDescription("Cap on the entries of a row (newest first).")
                    .withDeprecatedKeys("continue-watching.max-entries");

    public static final ConfigOption<Duration> MAX_AGE =
            ConfigOptions.key("reelstream.continue-watching.max-age")
                    .durationType()
                    .defaultValue(Duration.ofMillis(ContinueWatchingSettings.DEFAULTS.maxAgeMs()))
                    .withDescription(
                            "Entries not watched for this long leave the row; also when a"
                                    + " member's state expires (an event-time timer) and the"
                                    + " Cassandra TTL of the row.")
                    .withDeprecatedKeys("continue-watching.max-age");

    public static final ConfigOption<Duration> FLUSH_INTERVAL =
            ConfigOptions.key("reelstream.continue-watching.flush-interval")
                    .durationType()
                    .defaultValue(
                            Duration.ofMillis(ContinueWatchingSettings.DEFAULTS.flushIntervalMs()))
                    .withDescription(
                            "Bookmark-only changes of a user's row are written at most once per"
                                    + " this interval of event time; pause, stop, complete and"
                                    + " titles joining or leaving the row are written at once.")
                    .withDeprecatedKeys("continue-watching.flush-interval");

    public static final ConfigOption<Boolean> WRITE_AHEAD =
            ConfigOptions.key("reelstream.continue-watching.write-ahead")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Write a row as the arrived events make it, when they arrive, instead"
                                    + " of when the watermark passes them (the out-of-orderness"
                                    + " later); the watermark then writes only corrections. Costs a"
                                    + " second apply per event.")
                    .withDeprecatedKeys("continue-watching.write-ahead");

    public static final ConfigOption<Duration> SETTLE_DELAY =
            ConfigOptions.key("reelstream.continue-watching.settle-delay")
                    .durationType()
                    .defaultValue(
                            Duration.ofMillis(ContinueWatchingFunction.DEFAULT_SETTLE_DELAY_MS))
                    .withDescription(
                            "With write-ahead, live events (at most 30 s behind the wall clock)"
                                    + " the watermark has passed are settled into a member's"
                                    + " state when the member's next event arrives, or by a timer"
                                    + " this long after the earliest of them: a watching member"
                                    + " (events 30-60 s apart) then costs one state read per event"
                                    + " instead of two. Rows do not wait for it: they are written"
                                    + " ahead. 0 settles when the watermark passes the events, as"
                                    + " for a backlog.");

    /** Every option of this job, for documentation and CLI help. */
    public static final List<ConfigOption<?>> ALL =
            List.of(
                    PLAYBACK_TOPIC,
                    CATALOG_TOPIC,
                    DEAD_LETTER_TOPIC,
                    COMPLETION_THRESHOLD,
                    MIN_WATCH_TIME,
                    MAX_ENTRIES,
                    MAX_AGE,
                    FLUSH_INTERVAL,
                    WRITE_AHEAD,
                    SETTLE_DELAY);

    private ContinueWatchingOptions() {}

    /** Parses and checks every option (including the shared ingest options). */
    public static ContinueWatchingJobSettings from(ReadableConfig config) {
        return new ContinueWatchingJobSettings(
                requireText(config, PLAYBACK_TOPIC),
                requireText(config, CATALOG_TOPIC),
                requireText(config, DEAD_LETTER_TOPIC),
                new ContinueWatchingSettings(
                        config.get(COMPLETION_THRESHOLD),
                        config.get(MIN_WATCH_TIME).toMillis(),
                        config.get(MAX_ENTRIES),
                        config.get(MAX_AGE).toMillis(),
                        config.get(FLUSH_INTERVAL).toMillis()),
                config.get(WRITE_AHEAD),
                requireNotNegative(config, SETTLE_DELAY).toMillis(),
                IngestOptions.from(config));
    }
}
