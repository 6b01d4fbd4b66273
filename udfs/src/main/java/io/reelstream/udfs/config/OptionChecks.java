package io.reelstream.udfs.config;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;

import java.time.Duration;

/**
 * The checks every {@code *Options.from(ReadableConfig)} applies while parsing: each reads one
 * option and throws an {@link IllegalArgumentException} that names the option's key (never its
 * value, which may be a secret).
 */
public final class OptionChecks {

    private OptionChecks() {}

    /** The option's value, which must not be empty or blank. */
    public static String requireText(ReadableConfig config, ConfigOption<String> option) {
        String value = config.get(option);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option.key() + " must not be blank");
        }
        return value;
    }

    /** The option's value, which must not be negative (zero is allowed). */
    public static Duration requireNotNegative(
            ReadableConfig config, ConfigOption<Duration> option) {
        Duration value = config.get(option);
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(option.key() + " must not be negative: " + value);
        }
        return value;
    }

    /** The option's value, which must be longer than zero. */
    public static Duration requirePositive(ReadableConfig config, ConfigOption<Duration> option) {
        Duration value = config.get(option);
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(option.key() + " must be positive: " + value);
        }
        return value;
    }

    /** The option's value, which must be greater than zero. */
    public static int requirePositiveInt(ReadableConfig config, ConfigOption<Integer> option) {
        int value = config.get(option);
        if (value <= 0) {
            throw new IllegalArgumentException(option.key() + " must be > 0, was " + value);
        }
        return value;
    }

    /** The option's value, which must be in [0, 1]. */
    public static double requireFraction(ReadableConfig config, ConfigOption<Double> option) {
        double value = config.get(option);
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException(option.key() + " must be in [0, 1]: " + value);
        }
        return value;
    }
}
