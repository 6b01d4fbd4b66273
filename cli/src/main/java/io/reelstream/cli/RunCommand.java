package io.reelstream.cli;

import io.reelstream.engine.DurationConverter;
import io.reelstream.engine.EngineHealth;
import io.reelstream.engine.FlinkRestProbe;
import io.reelstream.engine.LocalEngine;
import io.reelstream.engine.LocalFlinkCluster;
import io.reelstream.engine.TrafficRunner;
import io.reelstream.localstack.LocalStack;
import io.reelstream.pipelines.PipelineDefinition;
import io.reelstream.pipelines.Pipelines;
import io.reelstream.pipelines.recs.RecsOptions;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.client.JobStatusMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code reelstream run}: the whole engine on this machine. Starts a real Kafka broker and a real
 * Cassandra node (child JVMs), creates topics and applies the schema, starts a Flink MiniCluster
 * with the dashboard, submits every pipeline and feeds them with the event generator.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run the whole engine locally: Kafka + Cassandra + Flink (dashboard) + all pipelines +"
                    + " the event generator. Ctrl-C stops everything cleanly."
        })
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(
            names = "--data-dir",
            description =
                    "Folder for all local data: Kafka, Cassandra, checkpoints, logs (default: ${DEFAULT-VALUE}).",
            defaultValue = "${sys:reelstream.root:-.}/.reelstream")
    Path dataDir;

    @Option(
            names = "--flink-conf",
            description =
                    "Folder holding the Flink config.yaml for the local run (default: ${DEFAULT-VALUE}).",
            defaultValue = "${sys:reelstream.root:-.}/flink-conf/local")
    Path flinkConf;

    @Option(
            names = "--dashboard-port",
            defaultValue = "8081",
            description = "Flink dashboard port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int dashboardPort;

    @Option(
            names = "--kafka-port",
            defaultValue = "9092",
            description = "Kafka broker port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int kafkaPort;

    @Option(
            names = "--cassandra-port",
            defaultValue = "9042",
            description = "Cassandra native port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int cassandraPort;

    @Option(
            names = "--cassandra-nodes",
            defaultValue = "1",
            description =
                    "Cassandra nodes (default: ${DEFAULT-VALUE}). Several form a ring on 127.0.0.1,"
                            + " 127.0.0.2, ..., all on --cassandra-port, one JVM (~1.5 GB) each,"
                            + " data under <data-dir>/stack/cassandra-<n>; the keyspace gets one"
                            + " replica per node, up to 3.")
    int cassandraNodes;

    @Option(
            names = "--keyspace",
            defaultValue = "reelstream",
            description = "Cassandra keyspace (default: ${DEFAULT-VALUE}).")
    String keyspace;

    @Option(
            names = "--jobs",
            split = ",",
            description =
                    "Pipelines to submit, comma-separated (default: all of ${COMPLETION-CANDIDATES}).",
            completionCandidates = PipelineNames.class)
    List<String> jobs;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Parallelism of every job (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--no-generator", description = "Do not start the event generator.")
    boolean noGenerator;

    @Mixin TrafficRunner.Options traffic;

    @Option(
            names = "--progress-every",
            defaultValue = "15s",
            description = "Interval of the progress lines (default: ${DEFAULT-VALUE}).",
            converter = DurationConverter.class)
    Duration progressEvery;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        List<PipelineDefinition> selected = selectedPipelines();
        List<AutoCloseable> running = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> shutdown(running, stopped), "reelstream-shutdown"));

        LocalEngine engine =
                LocalEngine.start(
                        new LocalEngine.Settings(
                                dataDir,
                                flinkConf,
                                kafkaPort,
                                cassandraPort,
                                dashboardPort,
                                keyspace,
                                parallelism,
                                cassandraNodes),
                        selected,
                        localJobOptions());
        running.add(engine);
        LocalStack stack = engine.stack();
        LocalFlinkCluster flink = engine.flink();
        StackInfo info = StackInfo.of(stack, keyspace, flink.dashboardUrl());
        info.write(dataDir);

        TrafficRunner generator = null;
        if (!noGenerator) {
            generator = TrafficRunner.start(traffic, stack.bootstrapServers());
            running.add(0, generator);
        }
        printWhereToLook(info, selected, seconds(started));
        progressLoop(flink, generator, started, stopped);
        return 0;
    }

    /**
     * What the local run sets beyond the defaults: the recommendations job's training log under the
     * data folder, so {@code reelstream train ranker --log <data-dir>/training-log} works on it.
     */
    private Configuration localJobOptions() {
        Configuration options = new Configuration();
        options.set(
                RecsOptions.TRAINING_LOG_PATH,
                dataDir.resolve("training-log").toAbsolutePath().toUri().toString());
        return options;
    }

    private List<PipelineDefinition> selectedPipelines() {
        if (jobs == null || jobs.isEmpty()) {
            return Pipelines.all();
        }
        List<PipelineDefinition> selected = new ArrayList<>();
        for (String name : jobs) {
            selected.add(
                    Pipelines.named(name)
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "No pipeline named " + name)));
        }
        return selected;
    }

    private void printWhereToLook(
            StackInfo info, List<PipelineDefinition> pipelines, long tookSeconds) {
        LOG.info("Reelstream is running ({} s to start).", tookSeconds);
        LOG.info("  Flink dashboard:   {}", info.dashboardUrl());
        LOG.info(
                "  Jobs submitted:    {}",
                pipelines.stream().map(PipelineDefinition::jobName).toList());
        LOG.info("  Kafka:             {}", info.kafkaBootstrap());
        LOG.info(
                "  Cassandra:         {}:{} keyspace {}",
                info.cassandraHost(),
                info.cassandraPort(),
                info.keyspace());
        LOG.info("  Prometheus:        http://localhost:9249/metrics");
        LOG.info("  Try (after a minute): ./reelstream show user u-000042");
        LOG.info("                       ./reelstream show similar show-00001");
        LOG.info("  Logs:              {}", dataDir.resolve("reelstream.log"));
        LOG.info("Press Ctrl-C to stop.");
    }

    private void progressLoop(
            LocalFlinkCluster flink, TrafficRunner generator, long started, CountDownLatch stopped)
            throws Exception {
        EngineHealth health = new EngineHealth(new FlinkRestProbe(flink.dashboardUrl()));
        while (!stopped.await(
                progressEvery.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            Collection<JobStatusMessage> jobsNow = flink.listJobs();
            long runningJobs =
                    jobsNow.stream().filter(j -> j.getJobState() == JobStatus.RUNNING).count();
            LOG.info(
                    "[{} s] jobs running {}/{}{}",
                    seconds(started),
                    runningJobs,
                    jobsNow.size(),
                    generator == null ? "" : ", generator " + generator.progressLine());
            reportHealth(health);
        }
    }

    /** Per job: source lag and p99 freshness per table; a warning when a job falls behind. */
    static void reportHealth(EngineHealth health) {
        try {
            for (EngineHealth.JobHealth job : health.sample()) {
                LOG.info("    {}", job.describe());
                if (job.fallingBehind()) {
                    LOG.warn(
                            "{} is falling behind: its lag grew at each of the last {} samples"
                                    + " ({} records now). The input rate is above what this"
                                    + " machine keeps up with; lower the generator's --rate.",
                            job.name(),
                            EngineHealth.TREND_SAMPLES,
                            String.format("%,d", job.lagRecords()));
                }
            }
        } catch (java.io.IOException e) {
            LOG.debug("Engine health not available yet: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts down {@code stopped}, then closes {@code running} in order, logging failures. */
    static void shutdown(List<AutoCloseable> running, CountDownLatch stopped) {
        stopped.countDown();
        LOG.info("Stopping Reelstream...");
        for (AutoCloseable closeable : running) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed", closeable.getClass().getSimpleName(), e);
            }
        }
        LOG.info("Stopped.");
    }

    private static long seconds(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
    }

    /** Names of the pipelines, for help and completion. */
    static final class PipelineNames extends ArrayList<String> {
        PipelineNames() {
            super(Pipelines.all().stream().map(PipelineDefinition::name).toList());
        }
    }
}
