package io.reelstream.benchmarks;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options of every benchmark that starts the local engine's Flink cluster, in one place so they
 * read and default the same in each command.
 */
public final class LocalFlinkOptions {

    @Option(
            names = "--flink-conf",
            defaultValue = "${sys:reelstream.root:-.}/flink-conf/local",
            description = "Folder of the Flink config.yaml (default: ${DEFAULT-VALUE}).")
    Path flinkConf;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Parallelism of every job (default: ${DEFAULT-VALUE}).")
    int parallelism;

    public Path flinkConf() {
        return flinkConf;
    }

    public int parallelism() {
        return parallelism;
    }
}
