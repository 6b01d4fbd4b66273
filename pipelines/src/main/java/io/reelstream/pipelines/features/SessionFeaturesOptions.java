package io.reelstream.pipelines.features;

import io.reelstream.schemas.TopicNames;
import io.reelstream.udfs.ingest.IngestOptions;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

import java.time.Duration;
import java.util.List;

import static io.reelstream.udfs.config.OptionChecks.requireNotNegative;
import static io.reelstream.udfs.config.OptionChecks.requireText;

/**
 * Typed options of the session features job ({@code reelstream.session-features.*}; the {@code
 * session-features.*} keys of earlier releases still work as deprecated keys).
 */
public final class SessionFeaturesOptions {

    public static final ConfigOption<String> PLAYBACK_TOPIC =
            ConfigOptions.key("reelstream.session-features.playback-topic")
                    .stringType()
                    .defaultValue(TopicNames.PLAYBACK)
                    .withDescription("Kafka topic of playback events (contract playback).")
                    .withDeprecatedKeys("session-features.playback-topic");

    public static final ConfigOption<String> SEARCH_TOPIC =
            ConfigOptions.key("reelstream.session-features.search-topic")
                    .stringType()
                    .defaultValue(TopicNames.SEARCH)
                    .withDescription("Kafka topic of search events (contract search).")
                    .withDeprecatedKeys("session-features.search-topic");

    public static final ConfigOption<String> CATALOG_TOPIC =
            ConfigOptions.key("reelstream.session-features.catalog-topic")
                    .stringType()
                    .defaultValue(TopicNames.CATALOG)
                    .withDescription("Compacted Kafka topic of catalog titles (genres).")
                    .withDeprecatedKeys("session-features.catalog-topic");

    public static final ConfigOption<String> OUTPUT_TOPIC =
            ConfigOptions.key("reelstream.session-features.output-topic")
                    .stringType()
                    .defaultValue(TopicNames.USER_FEATURES)
                    .withDescription("Kafka topic the feature vectors are published to.")
                    .withDeprecatedKeys("session-features.output-topic");

    public static final ConfigOption<String> DEAD_LETTER_TOPIC =
            ConfigOptions.key("reelstream.session-features.dead-letter-topic")
                    .stringType()
                    .defaultValue(TopicNames.DEAD_LETTER)
                    .withDescription("Kafka topic for rejected and too-late records.")
                    .withDeprecatedKeys("session-features.dead-letter-topic");

    public static final ConfigOption<Duration> ALLOWED_LATENESS =
            ConfigOptions.key("reelstream.session-features.allowed-lateness")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withDescription(
                            "How far behind the watermark an event may be and still update its"
                                    + " slices; later events are dead-lettered as TOO_LATE.")
                    .withDeprecatedKeys("session-features.allowed-lateness");

    public static final ConfigOption<Duration> EMIT_DEBOUNCE =
            ConfigOptions.key("reelstream.session-features.emit-debounce")
                    .durationType()
                    .defaultValue(Duration.ofMillis(200))
                    .withDescription(
                            "Minimum processing time between two writes of one user's vector"
                                    + " (a burst of events costs one write per interval, and"
                                    + " freshness at most this much);"
                                    + " 0 writes on every change.")
                    .withDeprecatedKeys("session-features.emit-debounce");

    /** Every option of this job, for documentation and CLI help. */
    public static final List<ConfigOption<?>> ALL =
            List.of(
                    PLAYBACK_TOPIC,
                    SEARCH_TOPIC,
                    CATALOG_TOPIC,
                    OUTPUT_TOPIC,
                    DEAD_LETTER_TOPIC,
                    ALLOWED_LATENESS,
                    EMIT_DEBOUNCE);

    private SessionFeaturesOptions() {}

    /** Parses and checks every option (including the shared ingest options). */
    public static SessionFeaturesJobSettings from(ReadableConfig config) {
        return new SessionFeaturesJobSettings(
                requireText(config, PLAYBACK_TOPIC),
                requireText(config, SEARCH_TOPIC),
                requireText(config, CATALOG_TOPIC),
                requireText(config, OUTPUT_TOPIC),
                requireText(config, DEAD_LETTER_TOPIC),
                requireNotNegative(config, ALLOWED_LATENESS),
                requireNotNegative(config, EMIT_DEBOUNCE),
                IngestOptions.from(config));
    }
}
