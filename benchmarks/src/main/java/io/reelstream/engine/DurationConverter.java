package io.reelstream.engine;

import picocli.CommandLine.ITypeConverter;

import java.time.Duration;

/** Parses durations such as {@code 15s}, {@code 10m}, {@code 2h} or ISO-8601 {@code PT15S}. */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.startsWith("pt") || v.startsWith("p")) {
            return Duration.parse(value.toUpperCase(java.util.Locale.ROOT));
        }
        long amount = Long.parseLong(v.replaceAll("[a-z]+$", ""));
        String unit = v.replaceAll("^[0-9]+", "");
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s", "" -> Duration.ofSeconds(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("Unknown duration unit in " + value);
        };
    }
}
