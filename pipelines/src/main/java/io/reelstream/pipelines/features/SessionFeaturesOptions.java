package io.reelstream.pipelines.features;

import io.reelstream.udfs.ingest.IngestOptions;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/** Typed options of the session features job, parsed once from the job configuration. */
public final class SessionFeaturesOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final ConfigOption<String> PLAYBACK_TOPIC =
            ConfigOptions.key("session-features.playback-topic")
                    .stringType()
                    .defaultValue("reelstream.playback.v1")
                    .withDescription("Kafka topic of playback events (contract playback).");

    public static final ConfigOption<String> SEARCH_TOPIC =
            ConfigOptions.key("session-features.search-topic")
                    .stringType()
                    .defaultValue("reelstream.search.v1")
                    .withDescription("Kafka topic of search events (contract search).");

    public static final ConfigOption<String> CATALOG_TOPIC =
            ConfigOptions.key("session-features.catalog-topic")
                    .stringType()
                    .defaultValue("reelstream.catalog.v1")
                    .withDescription("Compacted Kafka topic of catalog titles (genres).");

    public static final ConfigOption<String> OUTPUT_TOPIC =
            ConfigOptions.key("session-features.output-topic")
                    .stringType()
                    .defaultValue("reelstream.user-features.v1")
                    .withDescription("Kafka topic the feature vectors are published to.");

    public static final ConfigOption<String> DEAD_LETTER_TOPIC =
            ConfigOptions.key("session-features.dead-letter-topic")
                    .stringType()
                    .defaultValue("reelstream.dead-letter.v1")
                    .withDescription("Kafka topic for rejected and too-late records.");

    public static final ConfigOption<Duration> ALLOWED_LATENESS =
            ConfigOptions.key("session-features.allowed-lateness")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withDescription(
                            "How far behind the watermark an event may be and still update its"
                                    + " slices; later events are dead-lettered as TOO_LATE.");

    public static final ConfigOption<Duration> EMIT_DEBOUNCE =
            ConfigOptions.key("session-features.emit-debounce")
                    .durationType()
                    .defaultValue(Duration.ofMillis(200))
                    .withDescription(
                            "Minimum processing time between two writes of one user's vector"
                                    + " (a burst of events costs one write per interval, and"
                                    + " freshness at most this much);"
                                    + " 0 writes on every change.");

    public static final List<ConfigOption<?>> ALL =
            List.of(
                    PLAYBACK_TOPIC,
                    SEARCH_TOPIC,
                    CATALOG_TOPIC,
                    OUTPUT_TOPIC,
                    DEAD_LETTER_TOPIC,
                    ALLOWED_LATENESS,
                    EMIT_DEBOUNCE);

    private final String playbackTopic;
    private final String searchTopic;
    private final String catalogTopic;
    private final String outputTopic;
    private final String deadLetterTopic;
    private final Duration allowedLateness;
    private final Duration emitDebounce;
    private final IngestOptions ingest;

    private SessionFeaturesOptions(ReadableConfig config) {
        this.playbackTopic = config.get(PLAYBACK_TOPIC);
        this.searchTopic = config.get(SEARCH_TOPIC);
        this.catalogTopic = config.get(CATALOG_TOPIC);
        this.outputTopic = config.get(OUTPUT_TOPIC);
        this.deadLetterTopic = config.get(DEAD_LETTER_TOPIC);
        this.allowedLateness = requireNotNegative(config.get(ALLOWED_LATENESS), ALLOWED_LATENESS);
        this.emitDebounce = requireNotNegative(config.get(EMIT_DEBOUNCE), EMIT_DEBOUNCE);
        this.ingest = IngestOptions.fromConfig(config);
    }

    /** Parses and checks every option (including the shared ingest options). */
    public static SessionFeaturesOptions fromConfig(ReadableConfig config) {
        return new SessionFeaturesOptions(config);
    }

    public String playbackTopic() {
        return playbackTopic;
    }

    public String searchTopic() {
        return searchTopic;
    }

    public String catalogTopic() {
        return catalogTopic;
    }

    public String outputTopic() {
        return outputTopic;
    }

    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    public Duration allowedLateness() {
        return allowedLateness;
    }

    public Duration emitDebounce() {
        return emitDebounce;
    }

    /** Kafka, decoding and watermark options shared by all jobs. */
    public IngestOptions ingest() {
        return ingest;
    }

    private static Duration requireNotNegative(Duration value, ConfigOption<Duration> option) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(option.key() + " must not be negative: " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "SessionFeaturesOptions{topics="
                + List.of(playbackTopic, searchTopic, catalogTopic, outputTopic, deadLetterTopic)
                + ", allowedLateness="
                + allowedLateness
                + ", emitDebounce="
                + emitDebounce
                + "}";
    }
}
