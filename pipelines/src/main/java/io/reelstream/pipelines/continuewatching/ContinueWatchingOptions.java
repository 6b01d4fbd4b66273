package io.reelstream.pipelines.continuewatching;

import io.reelstream.udfs.continuewatching.model.ContinueWatchingSettings;
import io.reelstream.udfs.ingest.IngestOptions;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/** Typed options of the continue-watching job, parsed once from the job configuration. */
public final class ContinueWatchingOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final ConfigOption<String> PLAYBACK_TOPIC =
            ConfigOptions.key("continue-watching.playback-topic")
                    .stringType()
                    .defaultValue("reelstream.playback.v1")
                    .withDescription("Kafka topic of playback events (contract playback).");

    public static final ConfigOption<String> CATALOG_TOPIC =
            ConfigOptions.key("continue-watching.catalog-topic")
                    .stringType()
                    .defaultValue("reelstream.catalog.v1")
                    .withDescription("Compacted Kafka topic of catalog titles (contract catalog).");

    public static final ConfigOption<String> DEAD_LETTER_TOPIC =
            ConfigOptions.key("continue-watching.dead-letter-topic")
                    .stringType()
                    .defaultValue("reelstream.dead-letter.v1")
                    .withDescription("Kafka topic for rejected playback and catalog records.");

    public static final ConfigOption<Double> COMPLETION_THRESHOLD =
            ConfigOptions.key("continue-watching.completion-threshold")
                    .doubleType()
                    .defaultValue(ContinueWatchingSettings.DEFAULTS.completionThreshold())
                    .withDescription(
                            "Progress (0..1] at which a title is finished and leaves the row"
                                    + " (earlier if the catalog's credits offset is reached).");

    public static final ConfigOption<Duration> MIN_WATCH_TIME =
            ConfigOptions.key("continue-watching.min-watch-time")
                    .durationType()
                    .defaultValue(Duration.ofMillis(ContinueWatchingSettings.DEFAULTS.minWatchMs()))
                    .withDescription(
                            "Watch time (accumulated from position progress, seeks excluded) a"
                                    + " title needs before it enters the row.");

    public static final ConfigOption<Integer> MAX_ENTRIES =
            ConfigOptions.key("continue-watching.max-entries")
                    .intType()
                    .defaultValue(ContinueWatchingSettings.DEFAULTS.maxEntries())
                    .withDescription("Cap on the entries of a row (newest first).");

    public static final ConfigOption<Duration> MAX_AGE =
            ConfigOptions.key("continue-watching.max-age")
                    .durationType()
                    .defaultValue(Duration.ofMillis(ContinueWatchingSettings.DEFAULTS.maxAgeMs()))
                    .withDescription(
                            "Entries not watched for this long leave the row; also the state"
                                    + " TTL and the Cassandra TTL of the row.");

    public static final ConfigOption<Duration> FLUSH_INTERVAL =
            ConfigOptions.key("continue-watching.flush-interval")
                    .durationType()
                    .defaultValue(
                            Duration.ofMillis(ContinueWatchingSettings.DEFAULTS.flushIntervalMs()))
                    .withDescription(
                            "Bookmark-only changes of a user's row are written at most once per"
                                    + " this interval of event time; pause, stop, complete and"
                                    + " titles joining or leaving the row are written at once.");

    public static final ConfigOption<Boolean> WRITE_AHEAD =
            ConfigOptions.key("continue-watching.write-ahead")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Write a row as the arrived events make it, when they arrive, instead"
                                    + " of when the watermark passes them (the out-of-orderness"
                                    + " later); the watermark then writes only corrections. Costs a"
                                    + " second state read and apply per event.");

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
                    WRITE_AHEAD);

    private final String playbackTopic;
    private final String catalogTopic;
    private final String deadLetterTopic;
    private final ContinueWatchingSettings settings;
    private final boolean writeAhead;
    private final IngestOptions ingest;

    private ContinueWatchingOptions(ReadableConfig config) {
        this.playbackTopic = requireText(config.get(PLAYBACK_TOPIC), PLAYBACK_TOPIC);
        this.catalogTopic = requireText(config.get(CATALOG_TOPIC), CATALOG_TOPIC);
        this.deadLetterTopic = requireText(config.get(DEAD_LETTER_TOPIC), DEAD_LETTER_TOPIC);
        this.settings =
                new ContinueWatchingSettings(
                        config.get(COMPLETION_THRESHOLD),
                        config.get(MIN_WATCH_TIME).toMillis(),
                        config.get(MAX_ENTRIES),
                        config.get(MAX_AGE).toMillis(),
                        config.get(FLUSH_INTERVAL).toMillis());
        this.writeAhead = config.get(WRITE_AHEAD);
        this.ingest = IngestOptions.fromConfig(config);
    }

    /** Parses and checks every option (including the shared ingest options). */
    public static ContinueWatchingOptions fromConfig(ReadableConfig config) {
        return new ContinueWatchingOptions(config);
    }

    public String playbackTopic() {
        return playbackTopic;
    }

    public String catalogTopic() {
        return catalogTopic;
    }

    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    public ContinueWatchingSettings settings() {
        return settings;
    }

    public boolean writeAhead() {
        return writeAhead;
    }

    public IngestOptions ingest() {
        return ingest;
    }

    @Override
    public String toString() {
        return "ContinueWatchingOptions{playbackTopic="
                + playbackTopic
                + ", catalogTopic="
                + catalogTopic
                + ", deadLetterTopic="
                + deadLetterTopic
                + ", settings="
                + settings
                + ", writeAhead="
                + writeAhead
                + ", ingest="
                + ingest
                + "}";
    }

    private static String requireText(String value, ConfigOption<String> option) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option.key() + " must not be blank");
        }
        return value;
    }
}
