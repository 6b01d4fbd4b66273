package io.reelstream.localstack.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One numbered CQL migration file ({@code V007__recommendations.cql}): its version, description,
 * raw text and the checksum that guards it against edits after it was applied.
 */
public final class Migration implements Comparable<Migration> {

    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.cql");

    private final int version;
    private final String description;
    private final String fileName;
    private final String text;
    private final String checksum;

    private Migration(int version, String description, String fileName, String text) {
        this.version = version;
        this.description = description;
        this.fileName = fileName;
        this.text = text;
        this.checksum = sha256(text);
    }

    /** Whether a file name follows the {@code V<number>__<description>.cql} convention. */
    public static boolean isMigrationFileName(String fileName) {
        return FILE_NAME.matcher(fileName).matches();
    }

    /** Parses a migration from its file name and text; fails on a name outside the convention. */
    public static Migration of(String fileName, String text) {
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "Not a migration file name (expected V<number>__<description>.cql): "
                            + fileName);
        }
        return new Migration(
                Integer.parseInt(m.group(1)), m.group(2), fileName, Objects.requireNonNull(text));
    }

    public int version() {
        return version;
    }

    public String description() {
        return description;
    }

    public String fileName() {
        return fileName;
    }

    /** SHA-256 (hex) of the raw file text, before placeholders are substituted. */
    public String checksum() {
        return checksum;
    }

    /** The statements of this file with {@code ${name}} placeholders substituted, in order. */
    public List<String> statements(Map<String, String> placeholders) {
        String substituted = text;
        for (Map.Entry<String, String> e : placeholders.entrySet()) {
            substituted = substituted.replace("${" + e.getKey() + "}", e.getValue());
        }
        if (substituted.contains("${")) {
            throw new IllegalArgumentException(
                    fileName + " has a placeholder without a value: " + placeholders.keySet());
        }
        return CqlScript.split(substituted);
    }

    @Override
    public int compareTo(Migration other) {
        return Integer.compare(version, other.version);
    }

    /** Equal when version, file name and checksum are equal (same file, same content). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Migration other
                && version == other.version
                && fileName.equals(other.fileName)
                && checksum.equals(other.checksum);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, fileName, checksum);
    }

    @Override
    public String toString() {
        return fileName;
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
