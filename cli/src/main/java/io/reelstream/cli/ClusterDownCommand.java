package io.reelstream.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code reelstream cluster down}: stops what {@code cluster up} started. It signals the cluster's
 * supervising process (SIGTERM), which stops the TaskManagers, the JobManager, the generator,
 * Cassandra and Kafka in order, and waits for it.
 */
@Command(
        name = "down",
        mixinStandardHelpOptions = true,
        description = "Stop the cluster started by ./reelstream cluster up.")
public final class ClusterDownCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--data-dir",
            description = "Data folder of the cluster (default: ${DEFAULT-VALUE}).",
            defaultValue = "${sys:reelstream.root:-.}/.reelstream/cluster")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path pidFile = dataDir.resolve(ClusterUpCommand.PID_FILE);
        Optional<ProcessHandle> supervisor =
                Files.exists(pidFile)
                        ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                        : Optional.empty();
        if (supervisor.isEmpty() || !supervisor.get().isAlive()) {
            Files.deleteIfExists(pidFile);
            out.println("No cluster is running under " + dataDir);
            out.flush();
            return 0;
        }
        ProcessHandle process = supervisor.get();
        out.printf("Stopping the cluster (pid %d)...%n", process.pid());
        out.flush();
        process.destroy();
        try {
            process.onExit().get(3, TimeUnit.MINUTES);
        } catch (java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            out.println("It did not stop within 3 minutes; killed it.");
        }
        Files.deleteIfExists(pidFile);
        out.println("Cluster stopped.");
        out.flush();
        return 0;
    }
}
