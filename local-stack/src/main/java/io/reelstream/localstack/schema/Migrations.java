package io.reelstream.localstack.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the numbered migration files, from the classpath (where {@code deploy/} is shipped as a
 * resource of local-stack) or from a folder (for real clusters), sorted by version; two files with
 * one version fail loudly.
 */
public final class Migrations {

    /** Where {@code deploy/cassandra/migrations/} lands on the classpath. */
    public static final String CLASSPATH_LOCATION = "reelstream/deploy/cassandra/migrations/";

    private Migrations() {}

    /** The migrations shipped on the classpath of {@code loader}, sorted by version. */
    public static List<Migration> fromClasspath(ClassLoader loader) {
        List<Migration> found = new ArrayList<>();
        try {
            Enumeration<URL> roots = loader.getResources(CLASSPATH_LOCATION);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("jar".equals(root.getProtocol())) {
                    found.addAll(fromJar(root));
                } else {
                    found.addAll(fromDirectory(Path.of(root.toURI())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (found.isEmpty()) {
            throw new IllegalStateException(
                    "No migrations on the classpath at " + CLASSPATH_LOCATION);
        }
        return sortedUnique(found);
    }

    /** The migrations shipped with this library. */
    public static List<Migration> fromClasspath() {
        return fromClasspath(Migrations.class.getClassLoader());
    }

    /** The {@code V*.cql} files of {@code directory}, sorted by version. */
    public static List<Migration> fromDirectory(Path directory) {
        List<Migration> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (Migration.isMigrationFileName(name)) {
                    found.add(Migration.of(name, Files.readString(file, StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read migrations from " + directory, e);
        }
        return sortedUnique(found);
    }

    private static List<Migration> fromJar(URL root) throws IOException {
        List<Migration> found = new ArrayList<>();
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String path = entry.getName();
                if (!path.startsWith(CLASSPATH_LOCATION) || entry.isDirectory()) {
                    continue;
                }
                String name = path.substring(CLASSPATH_LOCATION.length());
                if (Migration.isMigrationFileName(name)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        found.add(
                                Migration.of(
                                        name,
                                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        return found;
    }

    private static List<Migration> sortedUnique(List<Migration> migrations) {
        Map<Integer, Migration> byVersion = new HashMap<>();
        for (Migration m : migrations) {
            Migration previous = byVersion.putIfAbsent(m.version(), m);
            if (previous != null && !previous.checksum().equals(m.checksum())) {
                throw new IllegalStateException(
                        "Two migrations with version " + m.version() + ": " + previous + ", " + m);
            }
        }
        List<Migration> sorted = new ArrayList<>(byVersion.values());
        sorted.sort(null);
        return sorted;
    }
}
