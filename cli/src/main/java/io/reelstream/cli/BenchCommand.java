package io.reelstream.cli;

import io.reelstream.cli.bench.MfBenchCommand;
import io.reelstream.cli.bench.QoeBenchCommand;
import io.reelstream.cli.bench.SinkBenchCommand;
import io.reelstream.cli.bench.SoakBenchCommand;
import io.reelstream.cli.bench.StartupBenchCommand;
import io.reelstream.cli.bench.StateGrowthBenchCommand;
import io.reelstream.cli.bench.WindowsBenchCommand;

import picocli.CommandLine.Command;

/**
 * {@code reelstream bench}: benchmarks that compare our implementation with a baseline measured in
 * the same run (the machines are noisy; only ratios are meaningful). Results go to
 * docs/benchmarks.md.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks against a baseline measured in the same run.",
        subcommands = {
            SinkBenchCommand.class,
            WindowsBenchCommand.class,
            MfBenchCommand.class,
            QoeBenchCommand.class,
            StartupBenchCommand.class,
            SoakBenchCommand.class,
            StateGrowthBenchCommand.class
        })
public final class BenchCommand implements Runnable {

    @Override
    public void run() {
        System.out.println(
                "Use: reelstream bench <sink|windows|mf|qoe|startup|soak|state-growth> --help");
    }
}
