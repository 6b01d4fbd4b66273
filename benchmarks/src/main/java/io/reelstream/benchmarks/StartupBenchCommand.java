package io.reelstream.benchmarks;

import io.reelstream.localstack.StartupTimes;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code reelstream bench startup}: how long the real Kafka broker and Cassandra node take to start
 * on this machine, alone and together, first start and restart.
 */
@Command(
        name = "startup",
        mixinStandardHelpOptions = true,
        description = "Measure start-up times of Kafka, Cassandra and both together.")
public final class StartupBenchCommand implements Callable<Integer> {

    @Option(
            names = "--data-dir",
            defaultValue = "${sys:java.io.tmpdir}/reelstream-startup-bench",
            description = "Scratch folder, wiped first (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() {
        StartupTimes.Result result = StartupTimes.measure(dataDir, System.out::println);
        result.toLines().forEach(System.out::println);
        return 0;
    }
}
