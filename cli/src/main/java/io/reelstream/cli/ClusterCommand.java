package io.reelstream.cli;

import picocli.CommandLine.Command;

/**
 * {@code reelstream cluster}: a standalone Flink 2.2 cluster of separate processes on this machine
 * (JobManager and TaskManagers as child JVMs, from Maven artifacts), beside a local Kafka and
 * Cassandra; jobs go to it with {@code reelstream deploy}, as to any cluster.
 */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description = "A standalone Flink cluster on this machine: cluster up | cluster down.",
        subcommands = {ClusterUpCommand.class, ClusterDownCommand.class})
public final class ClusterCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("Use: reelstream cluster <up|down> --help");
    }
}
