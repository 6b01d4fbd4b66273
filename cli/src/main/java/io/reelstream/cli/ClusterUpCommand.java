package io.reelstream.cli;

import io.reelstream.engine.DurationConverter;
import io.reelstream.engine.EngineHealth;
import io.reelstream.engine.FlinkRestProbe;
import io.reelstream.engine.LocalEngine;
import io.reelstream.engine.TrafficRunner;
import io.reelstream.localstack.LocalStack;
import io.reelstream.localstack.StandaloneFlinkCluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code reelstream cluster up}: Kafka and Cassandra as for {@code run}, and a standalone Flink
 * cluster (one JobManager, N TaskManagers, each its own JVM) configured from {@code
 * flink-conf/cluster}. No job runs until {@code reelstream deploy}. By default it returns once the
 * cluster is ready and a background process keeps it up until {@code reelstream cluster down};
 * {@code --foreground} keeps it in this terminal until Ctrl-C.
 */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Start Kafka, Cassandra and a standalone Flink cluster (JobManager + TaskManagers as"
                    + " separate JVMs); deploy jobs to it with ./reelstream deploy."
        })
public final class ClusterUpCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterUpCommand.class);

    /** Holds the supervising process's pid while the cluster runs. */
    static final String PID_FILE = "cluster.pid";

    @Spec CommandSpec spec;

    @Option(
            names = "--data-dir",
            description =
                    "Folder for Kafka, Cassandra, checkpoints, savepoints and logs (default: ${DEFAULT-VALUE}).",
            defaultValue = "${sys:reelstream.root:-.}/.reelstream/cluster")
    Path dataDir;

    @Option(
            names = "--flink-conf",
            description =
                    "Folder with the cluster's config.yaml and log4j-console.properties (default: ${DEFAULT-VALUE}).",
            defaultValue = "${sys:reelstream.root:-.}/flink-conf/cluster")
    Path flinkConf;

    @Option(
            names = "--task-managers",
            defaultValue = "2",
            description = "TaskManager processes (default: ${DEFAULT-VALUE}).")
    int taskManagers;

    @Option(
            names = "--slots",
            defaultValue = "0",
            description = "Task slots per TaskManager (default: the config.yaml's).")
    int slots;

    @Option(
            names = "--task-manager-memory",
            defaultValue = "2600m",
            description =
                    "taskmanager.memory.process.size on this machine (default: ${DEFAULT-VALUE};"
                            + " the config.yaml's 512m metaspace and 256m task off-heap are part"
                            + " of it).")
    String taskManagerMemory;

    @Option(
            names = "--dashboard-port",
            defaultValue = "0",
            description = "REST / dashboard port (default: any free port, printed).")
    int dashboardPort;

    @Option(
            names = "--kafka-port",
            defaultValue = "0",
            description = "Kafka port (default: any free).")
    int kafkaPort;

    @Option(
            names = "--cassandra-port",
            defaultValue = "0",
            description = "Cassandra native port (default: any free).")
    int cassandraPort;

    @Option(
            names = "--keyspace",
            defaultValue = "reelstream",
            description = "Cassandra keyspace (default: ${DEFAULT-VALUE}).")
    String keyspace;

    @Option(names = "--no-generator", description = "Do not start the event generator.")
    boolean noGenerator;

    @Mixin TrafficRunner.Options traffic;

    @Option(
            names = "--foreground",
            description = "Stay in this terminal (Ctrl-C stops everything) instead of returning.")
    boolean foreground;

    @Option(
            names = "--progress-every",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description =
                    "Interval of the progress lines in the foreground (default: ${DEFAULT-VALUE}).")
    Duration progressEvery;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dataDir);
        return foreground ? runInForeground() : startInBackground();
    }

    private int startInBackground() throws Exception {
        Path pidFile = dataDir.resolve(PID_FILE);
        if (Files.exists(pidFile)
                && ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                        .map(ProcessHandle::isAlive)
                        .orElse(false)) {
            throw new IllegalStateException(
                    "A cluster already runs under " + dataDir + " (./reelstream cluster down)");
        }
        Files.deleteIfExists(dataDir.resolve(StackInfo.FILE_NAME));
        Path log = dataDir.resolve("cluster.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ReelstreamCli.class.getName());
        command.addAll(spec.commandLine().getParseResult().originalArgs()); // "cluster up ..."
        command.add("--foreground");
        if (new File("/usr/bin/setsid").canExecute()) {
            command.add(0, "/usr/bin/setsid"); // its own session: closing the terminal leaves it up
        }
        Process supervisor =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(Redirect.appendTo(log.toFile()))
                        .redirectInput(Redirect.from(new File("/dev/null")))
                        .start();
        System.out.printf("Starting the cluster in the background (log %s)...%n", log);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!Files.exists(dataDir.resolve(StackInfo.FILE_NAME))) {
            if (!supervisor.isAlive()) {
                System.out.println(tail(log));
                throw new IllegalStateException("The cluster did not start; see " + log);
            }
            if (System.nanoTime() > deadline) {
                supervisor.destroy();
                throw new IllegalStateException(
                        "The cluster was not ready in 5 minutes; see " + log);
            }
            Thread.sleep(500);
        }
        StackInfo info = StackInfo.read(dataDir);
        System.out.printf(
                "Cluster is up: Flink dashboard %s, Kafka %s, Cassandra %s:%d keyspace %s%n"
                        + "Deploy jobs with: ./reelstream deploy session-features continue-watching"
                        + " qoe recommendations%n"
                        + "Stop it with:     ./reelstream cluster down%n",
                info.dashboardUrl(),
                info.kafkaBootstrap(),
                info.cassandraHost(),
                info.cassandraPort(),
                info.keyspace());
        return 0;
    }

    private int runInForeground() throws Exception {
        List<AutoCloseable> running = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Path pidFile = dataDir.resolve(PID_FILE);
        running.add(() -> Files.deleteIfExists(pidFile)); // last: once everything has stopped
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> RunCommand.shutdown(running, stopped), "cluster-shutdown"));
        Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
        LocalStack stack = LocalEngine.startServices(dataDir, kafkaPort, cassandraPort, keyspace);
        running.add(0, stack);
        StandaloneFlinkCluster flink =
                StandaloneFlinkCluster.builder(dataDir.resolve("flink"), flinkConf)
                        .taskManagers(taskManagers)
                        .slotsPerTaskManager(slots)
                        .taskManagerMemory(taskManagerMemory)
                        .restPort(dashboardPort)
                        .build();
        running.add(0, flink);
        flink.start();
        if (!noGenerator) {
            running.add(0, TrafficRunner.start(traffic, stack.bootstrapServers()));
        }
        StackInfo.of(stack, keyspace, flink.restUrl()).write(dataDir);
        LOG.info(
                "Cluster up: dashboard {}, JobManager pid {}, TaskManager pids {}",
                flink.restUrl(),
                flink.jobManagerPid(),
                flink.taskManagerPids());
        EngineHealth health = new EngineHealth(new FlinkRestProbe(flink.restUrl()));
        while (!stopped.await(progressEvery.toMillis(), TimeUnit.MILLISECONDS)) {
            RunCommand.reportHealth(health);
        }
        return 0;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
