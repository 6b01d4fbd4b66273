package io.reelstream.cli;

import io.reelstream.benchmarks.MfBenchCommand;
import io.reelstream.benchmarks.QoeBenchCommand;
import io.reelstream.benchmarks.SinkBenchCommand;
import io.reelstream.benchmarks.SoakBenchCommand;
import io.reelstream.benchmarks.StartupBenchCommand;
import io.reelstream.benchmarks.StateGrowthBenchCommand;
import io.reelstream.benchmarks.WindowsBenchCommand;
import io.reelstream.benchmarks.engine.EngineBenchCommand;

import picocli.CommandLine.Command;

/**
 * {@code reelstream bench}: dispatches to the benchmarks of the {@code benchmarks} module, which
 * compare our implementation with a baseline measured in the same run (the machines are noisy; only
 * ratios are meaningful). Results go to docs/benchmarks.md.
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
            StateGrowthBenchCommand.class,
            EngineBenchCommand.class
        })
public final class BenchCommand implements Runnable {

    @Override
    public void run() {
        System.out.println(
                "Use: reelstream bench <sink|windows|mf|qoe|startup|soak|state-growth|engine> --help");
    }
}
