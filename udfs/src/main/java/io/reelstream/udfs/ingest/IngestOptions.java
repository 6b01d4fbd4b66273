package io.reelstream.udfs.ingest;

import io.reelstream.schemas.json.DecodeLimits;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.reelstream.udfs.config.OptionChecks.requireNotNegative;
import static io.reelstream.udfs.config.OptionChecks.requireText;

/**
 * How jobs read Kafka and decode records: the typed options shared by every job, and {@link
 * #from(ReadableConfig)}, which parses them into one {@link IngestSettings}. Extra Kafka client
 * properties (SASL, TLS, ...) pass through unchanged and are never logged with their values.
 */
public final class IngestOptions {

    public static final ConfigOption<String> BOOTSTRAP_SERVERS =
            ConfigOptions.key("reelstream.kafka.bootstrap-servers")
                    .stringType()
                    .defaultValue("localhost:9092")
                    .withDescription("Kafka bootstrap servers, host:port[,host:port...].");

    public static final ConfigOption<String> GROUP_ID =
            ConfigOptions.key("reelstream.kafka.group-id")
                    .stringType()
                    .defaultValue("reelstream")
                    .withDescription(
                            "Kafka consumer group id (offsets are committed on checkpoints; one"
                                    + " group per job).");

    public static final ConfigOption<StartingOffsets> STARTING_OFFSETS =
            ConfigOptions.key("reelstream.kafka.starting-offsets")
                    .enumType(StartingOffsets.class)
                    .defaultValue(StartingOffsets.COMMITTED)
                    .withDescription(
                            "Where to start without a checkpoint: COMMITTED (falls back to"
                                    + " earliest), EARLIEST or LATEST.");

    public static final ConfigOption<Map<String, String>> CLIENT_PROPERTIES =
            ConfigOptions.key("reelstream.kafka.properties")
                    .mapType()
                    .defaultValue(Map.of())
                    .withDescription(
                            "Extra Kafka client properties passed through as-is, e.g."
                                    + " security.protocol:SASL_SSL,sasl.mechanism:PLAIN. Values are"
                                    + " never logged. Give secrets as one key per property, e.g."
                                    + " reelstream.kafka.properties.sasl.jaas.config: env:KAFKA_JAAS:"
                                    + " the Flink dashboard masks such keys, not this one.");

    public static final ConfigOption<MemorySize> MAX_RECORD_SIZE =
            ConfigOptions.key("reelstream.decode.max-record-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("1mb"))
                    .withDescription("Records larger than this are dead-lettered as OVERSIZED.");

    public static final ConfigOption<Duration> FUTURE_SKEW =
            ConfigOptions.key("reelstream.decode.future-skew")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withDescription(
                            "Event times further ahead of the wall clock are dead-lettered as"
                                    + " FUTURE_EVENT_TIME (they would otherwise push the"
                                    + " watermark).");

    public static final ConfigOption<Duration> POSITION_TOLERANCE =
            ConfigOptions.key("reelstream.decode.position-tolerance")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withDescription(
                            "A playhead position may exceed the title's runtime by this much"
                                    + " before it is INVALID_VALUE.");

    public static final ConfigOption<Duration> OUT_OF_ORDERNESS =
            ConfigOptions.key("reelstream.watermark.out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription("Bounded out-of-orderness of event time per Kafka partition.");

    public static final ConfigOption<Duration> STARTUP_DELAY =
            ConfigOptions.key("reelstream.watermark.startup-delay")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(2))
                    .withDescription(
                            "After a start or restore, the first watermark waits this long past"
                                    + " the first record, so that every partition with a backlog"
                                    + " has delivered and holds back event time before any"
                                    + " partition moves it (a partition only counts from its first"
                                    + " record).");

    public static final ConfigOption<Duration> IDLENESS =
            ConfigOptions.key("reelstream.watermark.idleness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "A partition without records for this long stops holding back the"
                                    + " watermark.");

    /** Every option, for documentation and CLI help. */
    public static final List<ConfigOption<?>> ALL =
            List.of(
                    BOOTSTRAP_SERVERS,
                    GROUP_ID,
                    STARTING_OFFSETS,
                    CLIENT_PROPERTIES,
                    MAX_RECORD_SIZE,
                    FUTURE_SKEW,
                    POSITION_TOLERANCE,
                    OUT_OF_ORDERNESS,
                    IDLENESS,
                    STARTUP_DELAY);

    private IngestOptions() {}

    /** Parses and checks the options; throws IllegalArgumentException naming a bad key. */
    public static IngestSettings from(ReadableConfig config) {
        Map<String, String> clientProperties = Map.copyOf(config.get(CLIENT_PROPERTIES));
        requireNoInlineSecrets(config, clientProperties);
        long maxBytes = config.get(MAX_RECORD_SIZE).getBytes();
        if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    MAX_RECORD_SIZE.key() + " out of range: " + maxBytes);
        }
        return new IngestSettings(
                requireText(config, BOOTSTRAP_SERVERS),
                requireText(config, GROUP_ID),
                config.get(STARTING_OFFSETS),
                clientProperties,
                new DecodeLimits(
                        (int) maxBytes,
                        config.get(FUTURE_SKEW).toMillis(),
                        config.get(POSITION_TOLERANCE).toMillis()),
                requireNotNegative(config, OUT_OF_ORDERNESS),
                requireNotNegative(config, IDLENESS),
                requireNotNegative(config, STARTUP_DELAY));
    }

    /**
     * A secret inside the one value of {@code reelstream.kafka.properties} would be shown in clear
     * by the Flink dashboard's configuration view, which masks sensitive keys, not values: refuse
     * it and name the masked per-key form instead (never the value).
     */
    private static void requireNoInlineSecrets(
            ReadableConfig config, Map<String, String> clientProperties) {
        if (!config.toMap().containsKey(CLIENT_PROPERTIES.key())) {
            return;
        }
        for (String property : clientProperties.keySet()) {
            if (GlobalConfiguration.isSensitive(property)) {
                throw new IllegalArgumentException(
                        CLIENT_PROPERTIES.key()
                                + " must not carry the secret "
                                + property
                                + " inline (the Flink dashboard would show it): set "
                                + CLIENT_PROPERTIES.key()
                                + "."
                                + property
                                + " instead, e.g. to env:NAME");
            }
        }
    }
}
