package io.reelstream.tests.evolution;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * One Kafka record of a savepoint fixture's input, as one tab-separated line of {@code
 * input.tsv.gz}: {@code phase topic partition timestamp key value}. Phase 1 was read before the
 * savepoint was taken, phase 2 is read after the restore. Values are the generator's JSON (no tabs,
 * no line breaks): {@code zcat input.tsv.gz} shows the input as text. A value that is not text (the
 * recommendation job's binary item-factor replica) is stored as {@value #BINARY} and its Base64. An
 * empty key stands for a record without key.
 */
record FixtureRecord(
        int phase, String topic, int partition, long timestamp, String key, String value) {

    static final String FILE_NAME = "input.tsv.gz";

    /** Prefix of a binary value (generator values are JSON objects: they start with a brace). */
    static final String BINARY = "base64:";

    FixtureRecord {
        for (String text : List.of(topic, key, value)) {
            if (text.indexOf('\t') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("tab or line break in a fixture record");
            }
        }
    }

    /** A record with a binary value, stored as {@value #BINARY} and its Base64. */
    static FixtureRecord binary(
            int phase, String topic, int partition, long timestamp, String key, byte[] value) {
        return new FixtureRecord(
                phase,
                topic,
                partition,
                timestamp,
                key,
                BINARY + Base64.getEncoder().encodeToString(value));
    }

    /** The value's bytes as they were on the topic. */
    byte[] valueBytes() {
        return value.startsWith(BINARY)
                ? Base64.getDecoder().decode(value.substring(BINARY.length()))
                : value.getBytes(StandardCharsets.UTF_8);
    }

    String toLine() {
        return String.join(
                "\t",
                Integer.toString(phase),
                topic,
                Integer.toString(partition),
                Long.toString(timestamp),
                key,
                value);
    }

    static FixtureRecord parse(String line) {
        String[] f = line.split("\t", 6);
        if (f.length != 6) {
            throw new IllegalArgumentException("not a fixture record: " + line);
        }
        return new FixtureRecord(
                Integer.parseInt(f[0]),
                f[1],
                Integer.parseInt(f[2]),
                Long.parseLong(f[3]),
                f[4],
                f[5]);
    }

    ProducerRecord<byte[], byte[]> toProducerRecord() {
        return new ProducerRecord<>(
                topic,
                partition,
                timestamp,
                key.isEmpty() ? null : key.getBytes(StandardCharsets.UTF_8),
                valueBytes());
    }

    /** Writes {@code records} as {@code input.tsv.gz} into {@code folder}. */
    static void write(Path folder, List<FixtureRecord> records) throws IOException {
        try (OutputStream out =
                new GZIPOutputStream(Files.newOutputStream(folder.resolve(FILE_NAME)))) {
            for (FixtureRecord record : records) {
                out.write((record.toLine() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Reads {@code input.tsv.gz} of a fixture folder from the classpath. */
    static List<FixtureRecord> load(String resourceFolder) {
        String name = resourceFolder + "/" + FILE_NAME;
        try (InputStream in = FixtureRecord.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            byte[] text = new GZIPInputStream(in).readAllBytes();
            List<FixtureRecord> records = new ArrayList<>();
            for (String line : new String(text, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    records.add(parse(line));
                }
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
