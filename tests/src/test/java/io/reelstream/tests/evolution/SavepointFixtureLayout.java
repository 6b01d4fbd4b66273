package io.reelstream.tests.evolution;

import java.nio.file.Path;

/**
 * Where the savepoint fixtures of one job live, version by version: {@code savepoints/<name>-v<N>}
 * (a canonical {@code savepoint/} and {@code input.tsv.gz}), and the topic prefix its savepoint's
 * splits name. Version 1 keeps its original topics ({@code evolution-<stem>.}); later versions have
 * topics of their own ({@code evolution-<stem>-v<N>.}), so that the restores of every version in
 * one test JVM each start on empty topics.
 *
 * @param name the fixture folder's name before {@code -v<N>}
 * @param topicStem the topic prefix's stem
 */
record SavepointFixtureLayout(String name, String topicStem) {

    /** Classpath folder of the fixture of state schema {@code version}. */
    String resource(int version) {
        return "savepoints/" + name + "-v" + version;
    }

    /** The same folder in the source tree, relative to the tests module (the writer's target). */
    Path sourceFolder(int version) {
        return Path.of("src", "test", "resources", resource(version));
    }

    /** Topic prefix of the fixture of {@code version}. */
    String topicPrefix(int version) {
        return version == 1
                ? "evolution-" + topicStem + "."
                : "evolution-" + topicStem + "-v" + version + ".";
    }
}
