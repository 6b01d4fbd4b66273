package io.reelstream.localstack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The classpath of a child JVM (Kafka broker, Cassandra node, Flink JobManager or TaskManager),
 * read from the resource that the {@code *-runtime} modules generate, so the services run with
 * their own dependency set.
 */
public final class RuntimeClasspath {

    /** Written by local-stack/kafka-runtime (maven-dependency-plugin build-classpath). */
    public static final String KAFKA_RESOURCE = "reelstream/runtime/kafka.classpath";

    /** Written by local-stack/cassandra-runtime (maven-dependency-plugin build-classpath). */
    public static final String CASSANDRA_RESOURCE = "reelstream/runtime/cassandra.classpath";

    /** Written by local-stack/flink-cluster-runtime (maven-dependency-plugin build-classpath). */
    public static final String FLINK_RESOURCE = "reelstream/runtime/flink.classpath";

    private final List<Path> entries;

    private RuntimeClasspath(List<Path> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The Kafka 4.2 broker's classpath. */
    public static RuntimeClasspath kafka() {
        return fromResource(KAFKA_RESOURCE);
    }

    /** The Cassandra 5.0 node's classpath. */
    public static RuntimeClasspath cassandra() {
        return fromResource(CASSANDRA_RESOURCE);
    }

    /** A standalone Flink 2.2 cluster's classpath (what a distribution's lib folder holds). */
    public static RuntimeClasspath flink() {
        return fromResource(FLINK_RESOURCE);
    }

    /**
     * Reads a classpath resource of the form {@code a.jar:b.jar:...} and checks every jar exists.
     */
    public static RuntimeClasspath fromResource(String resource) {
        ClassLoader loader = RuntimeClasspath.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Classpath resource "
                                + resource
                                + " not found: build the local-stack runtime modules first"
                                + " (mvn -pl local-stack/kafka-runtime,local-stack/cassandra-runtime"
                                + " install)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** Parses a path-separator separated list of jars; fails if one of them does not exist. */
    static RuntimeClasspath parse(String text) {
        List<Path> paths = new ArrayList<>();
        for (String entry : text.trim().split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                paths.add(Path.of(entry.trim()));
            }
        }
        if (paths.isEmpty()) {
            throw new IllegalStateException("Empty runtime classpath");
        }
        List<Path> missing = paths.stream().filter(p -> !Files.exists(p)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    "Runtime classpath entries are missing (re-run the runtime module build): "
                            + missing);
        }
        return new RuntimeClasspath(paths);
    }

    /** The jars, in classpath order. */
    public List<Path> entries() {
        return entries;
    }

    /** The value for {@code java -cp}. */
    public String asArgument() {
        return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /** The file names of the jars, e.g. for checks such as "exactly one SLF4J binding". */
    public List<String> jarNames() {
        return entries.stream().map(p -> p.getFileName().toString()).toList();
    }

    @Override
    public String toString() {
        return "RuntimeClasspath" + jarNames();
    }
}
