package io.reelstream.benchmarks;

import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data folder of a benchmark that starts its own engine must be new: figures from a folder with
 * old Kafka logs, Cassandra data or checkpoints would not be the benchmark's.
 */
public final class BenchDirectories {

    private BenchDirectories() {}

    /**
     * Creates {@code dir}, or fails the command if it exists and is not empty.
     *
     * @throws CommandLine.ParameterException naming the folder, if it holds anything
     */
    public static void requireEmpty(CommandLine command, Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new CommandLine.ParameterException(
                            command, dir + " is not empty: delete it first");
                }
            }
        }
        Files.createDirectories(dir);
    }
}
