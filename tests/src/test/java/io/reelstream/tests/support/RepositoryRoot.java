package io.reelstream.tests.support;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository the tests run in (the folder holding {@code flink-conf/}), for tests that read its
 * configuration, docs or built job jar; Maven runs them from the module folder.
 */
public final class RepositoryRoot {

    private RepositoryRoot() {}

    public static Path path() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("flink-conf"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root with flink-conf/").isNotNull();
        return dir;
    }
}
