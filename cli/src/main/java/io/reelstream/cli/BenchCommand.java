package io.reelstream.cli;

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
        subcommands = {})
public final class BenchCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("Use: reelstream bench <sink|windows|mf> --help");
    }
}
