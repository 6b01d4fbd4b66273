package io.reelstream.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Measures how long the local services take to become ready on this machine: Kafka alone (first
 * start with storage format, then a restart), Cassandra alone (first start, restart) and both
 * together on fresh data. A command-run harness (no timed tests): a CLI bench command calls {@link
 * #measure} and prints {@link Result#toLines()}.
 */
public final class StartupTimes {

    /** Seconds until ready, per scenario. */
    public record Result(
            Duration kafkaFirstStart,
            Duration kafkaRestart,
            Duration cassandraFirstStart,
            Duration cassandraRestart,
            Duration bothInParallel) {

        /** {@code key=seconds} lines, e.g. {@code kafka_first_start_s=7.2}. */
        public List<String> toLines() {
            return List.of(
                    "kafka_first_start_s=" + seconds(kafkaFirstStart),
                    "kafka_restart_s=" + seconds(kafkaRestart),
                    "cassandra_first_start_s=" + seconds(cassandraFirstStart),
                    "cassandra_restart_s=" + seconds(cassandraRestart),
                    "both_parallel_first_start_s=" + seconds(bothInParallel));
        }
    }

    private StartupTimes() {}

    /** Runs the scenarios one after another under a fresh {@code root}; deletes it afterwards. */
    public static Result measure(Path root, Consumer<String> out) {
        deleteRecursively(root);
        try {
            KafkaNode kafka = KafkaNode.builder(root.resolve("kafka-alone")).build();
            Duration kafkaFirst = time(kafka::start);
            out.accept("Kafka alone, first start: " + seconds(kafkaFirst) + " s");
            kafka.stop();
            Duration kafkaRestart = time(kafka::start);
            out.accept("Kafka alone, restart: " + seconds(kafkaRestart) + " s");
            kafka.stop();

            CassandraNode cassandra =
                    CassandraNode.builder(root.resolve("cassandra-alone")).build();
            Duration cassandraFirst = time(cassandra::start);
            out.accept("Cassandra alone, first start: " + seconds(cassandraFirst) + " s");
            cassandra.stop();
            Duration cassandraRestart = time(cassandra::start);
            out.accept("Cassandra alone, restart: " + seconds(cassandraRestart) + " s");
            cassandra.stop();

            LocalStack stack = LocalStack.builder(root.resolve("both")).progress(out).build();
            Duration both = time(stack::start);
            out.accept("Both in parallel, first start: " + seconds(both) + " s");
            stack.close();
            return new Result(kafkaFirst, kafkaRestart, cassandraFirst, cassandraRestart, both);
        } finally {
            deleteRecursively(root);
        }
    }

    private static Duration time(Runnable action) {
        long begin = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    private static String seconds(Duration d) {
        return String.format("%.1f", d.toMillis() / 1000.0);
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + root, e);
        }
    }
}
