package io.reelstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code ./reelstream} command; each subcommand is its own class. */
@Command(
        name = "reelstream",
        mixinStandardHelpOptions = true,
        versionProvider = ReelstreamCli.Version.class,
        description = "Reelstream: real-time features and personalization for video streaming.",
        subcommands = {
            RunCommand.class,
            ShowCommand.class,
            SchemaCommand.class,
            BenchCommand.class,
            EvaluateCommand.class,
            TrainCommand.class,
            ClusterCommand.class,
            DeployCommand.class,
            StopCommand.class,
            RescaleCommand.class,
            CommandLine.HelpCommand.class
        })
public final class ReelstreamCli implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new ReelstreamCli()).execute(args);
        System.exit(exit);
    }

    /** Reports the build's version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ReelstreamCli.class.getPackage().getImplementationVersion();
            return new String[] {"reelstream " + (version == null ? "dev" : version)};
        }
    }
}
