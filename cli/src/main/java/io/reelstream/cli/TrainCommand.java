package io.reelstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code reelstream train}: groups the commands that train models from the engine's logs. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Trains models from the engine's logs.",
        subcommands = {TrainRankerCommand.class})
public final class TrainCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
