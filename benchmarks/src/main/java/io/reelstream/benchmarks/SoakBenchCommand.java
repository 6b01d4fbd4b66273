package io.reelstream.benchmarks;

import io.reelstream.engine.DurationConverter;
import io.reelstream.engine.EngineHealth;
import io.reelstream.engine.FlinkRestProbe;
import io.reelstream.engine.FlinkRestProbe.Aggregate;
import io.reelstream.engine.LocalEngine;
import io.reelstream.generator.GeneratorConfig;
import io.reelstream.generator.KafkaTrafficWriter;
import io.reelstream.generator.TrafficGenerator;
import io.reelstream.pipelines.Pipelines;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * {@code reelstream bench soak}: all jobs on the local engine under sustained load. First measures
 * the maximum rate this machine sustains (a burst of generator traffic, then the time until every
 * source has caught up), then runs the generator at a share of it (default 80 %) for the soak
 * duration while sampling, through the REST API the dashboard uses, each job's checkpoints (failed,
 * duration, state size), source lag and freshness at the sinks.
 */
@Command(
        name = "soak",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "All jobs under sustained load at a share of the measured maximum rate.",
            "The last line is: soak minutes=<m> events_per_s=<r> failed_checkpoints=<n>"
                    + " max_checkpoint_ms=<d> max_lag_records=<l> ..."
        })
public final class SoakBenchCommand implements Callable<Integer> {

    private static final Predicate<String> FRESHNESS_P99 =
            id -> id.toLowerCase(Locale.ROOT).contains("freshness") && id.endsWith("_p99");

    @Spec CommandSpec spec;

    @Option(
            names = "--duration",
            defaultValue = "10m",
            converter = DurationConverter.class,
            description = "Soak duration (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
            names = "--load",
            defaultValue = "0.8",
            description = "Share of the measured maximum rate (default: ${DEFAULT-VALUE}).")
    double load;

    @Option(
            names = "--rate",
            defaultValue = "0",
            description = "Events/s of the soak; 0 = measure the maximum first (default).")
    double rate;

    @Option(
            names = "--calibrate",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "Length of the full-speed burst that measures the maximum rate.")
    Duration calibrate;

    @Option(
            names = "--calibrate-rate",
            defaultValue = "20000",
            description = "Generator rate of the burst (above what the jobs sustain).")
    double calibrateRate;

    @Option(
            names = "--calibrate-speed-up",
            defaultValue = "20",
            description =
                    "Event-time speed-up of the burst: lets the generator start at full session"
                            + " density after a short warm-up (default: ${DEFAULT-VALUE}).")
    double calibrateSpeedUp;

    @Option(
            names = "--users",
            defaultValue = "1000000",
            description = "Distinct members (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--titles", defaultValue = "5000", description = "Distinct titles.")
    int titles;

    @Option(
            names = "--speed-up",
            defaultValue = "1",
            description =
                    "Event-time speed-up of the generator (default: ${DEFAULT-VALUE}: event time"
                            + " follows the wall clock, so freshness is end-to-end latency; raise"
                            + " it to cover days of event time and watch state cleanup).")
    double speedUp;

    @Option(
            names = "--settle",
            defaultValue = "4m",
            converter = DurationConverter.class,
            description =
                    "Samples before this (from the soak's start) are printed but not counted in"
                            + " the maxima (failed checkpoints always count): the calibration"
                            + " backlog drains then, and the sinks' freshness histograms (last 1,024"
                            + " writes per subtask) still hold writes of the burst (default:"
                            + " ${DEFAULT-VALUE}).")
    Duration settle;

    @Option(
            names = "--warm-up",
            defaultValue = "6h",
            converter = DurationConverter.class,
            description =
                    "Simulated session history before the first event, so traffic starts at full"
                            + " density; binge sessions last hours (default: ${DEFAULT-VALUE};"
                            + " capped at high rates).")
    Duration warmUp;

    @Option(
            names = "--sample-every",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "Sampling interval (default: ${DEFAULT-VALUE}).")
    Duration sampleEvery;

    @Option(
            names = "--data-dir",
            defaultValue = "${sys:reelstream.root:-.}/.reelstream/soak",
            description = "Data folder (must not exist or be empty; default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Mixin LocalFlinkOptions flink;

    /** Events the generator may simulate and drop for its warm-up. */
    private static final double WARM_UP_EVENT_BUDGET = 12_000_000;

    /** Event time the generator's real rate is measured over before the soak. */
    private static final Duration RATE_PROBE = Duration.ofMinutes(5);

    /** At most this far behind the wall clock does the soak's event time start. */
    private static final Duration MAX_START_LAG = Duration.ofSeconds(2);

    private PrintWriter out;

    /** Runs the command on its own (the {@code reelstream} command also registers it). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SoakBenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        BenchDirectories.requireEmpty(spec.commandLine(), dataDir);
        LocalEngine.Settings settings =
                new LocalEngine.Settings(
                        dataDir, flink.flinkConf(), 0, 0, 0, "reelstream", flink.parallelism());
        try (LocalEngine engine = LocalEngine.start(settings, Pipelines.all())) {
            FlinkRestProbe probe = new FlinkRestProbe(engine.flink().dashboardUrl());
            print("dashboard %s", engine.flink().dashboardUrl());
            awaitAllRunning(probe);
            double soakRate = rate;
            long eventTime = System.currentTimeMillis() - headStart(speedUp, duration).toMillis();
            if (soakRate <= 0) {
                long burstStart =
                        System.currentTimeMillis()
                                - headStart(calibrateSpeedUp, calibrate).toMillis();
                Calibration calibration = calibrate(engine, probe, burstStart);
                // continue after the burst's events (earlier ones would be late), but not behind
                // the wall clock, or freshness would include the generator's own delay
                eventTime =
                        Math.max(
                                calibration.lastEventTime() + 1_000,
                                System.currentTimeMillis()
                                        - headStart(speedUp, duration).toMillis());
                soakRate = load * calibration.maxEventsPerSecond();
            }
            soak(engine, probe, eventTime, soakRate);
        }
        return 0;
    }

    /**
     * How far before now a generator run's event time starts: a few seconds at speed-up 1 (so
     * freshness at the sinks is real end-to-end latency), more at higher speed-ups so that event
     * time never passes the wall clock during the run (such events would be dead-lettered as from
     * the future).
     */
    private static Duration headStart(double speedUp, Duration run) {
        long runMillis = run.plus(Duration.ofMinutes(2)).toMillis();
        return Duration.ofSeconds(10).plusMillis((long) ((speedUp - 1) * runMillis));
    }

    /**
     * The generator simulates sessions from this long before its start and drops what falls before
     * it, so traffic starts at full density; at high rates the warm-up is capped (it costs about
     * {@code rate x warm-up} generated and dropped events).
     */
    private Duration warmUpAt(double eventsPerSecond, double runSpeedUp) {
        long capSeconds = (long) (WARM_UP_EVENT_BUDGET / (eventsPerSecond / runSpeedUp));
        return warmUp.compareTo(Duration.ofSeconds(capSeconds)) <= 0
                ? warmUp
                : Duration.ofSeconds(capSeconds);
    }

    private record Calibration(double maxEventsPerSecond, long lastEventTime) {}

    private Calibration calibrate(LocalEngine engine, FlinkRestProbe probe, long eventTime)
            throws Exception {
        print(
                "calibrating: generator at up to %.0f events/s for %s, event-time speed-up %.0f",
                calibrateRate, calibrate, calibrateSpeedUp);
        long start = System.nanoTime();
        KafkaTrafficWriter.Summary burst =
                generate(engine, eventTime, calibrateRate, calibrateSpeedUp, calibrate, 1).join();
        double sent = seconds(start);
        long lag;
        int zeroes = 0;
        do {
            Thread.sleep(1_000);
            lag = totalLag(probe);
            zeroes = lag == 0 ? zeroes + 1 : 0;
        } while (zeroes < 2 && seconds(start) < sent + 600);
        double caughtUp = seconds(start) - 1.0;
        double max = burst.events() / caughtUp;
        print(
                "calibration events=%d generator_s=%.1f caught_up_s=%.1f max_events_per_s=%.0f%s",
                burst.events(),
                sent,
                caughtUp,
                max,
                lag == 0 ? "" : " (not caught up after 10 min: lag " + lag + ")");
        return new Calibration(max, burst.lastEventTime());
    }

    private void soak(LocalEngine engine, FlinkRestProbe probe, long eventTime, double soakRate)
            throws Exception {
        double produced =
                TrafficGenerator.measuredEventsPerSecond(
                        config(eventTime, soakRate, speedUp, 2), RATE_PROBE);
        double configured = soakRate * soakRate / produced;
        print(
                "soak: %.0f events/s for %s, %d members (the generator configured for %.0f"
                        + " produces %.0f, so it is configured for %.0f)",
                soakRate, duration, users, soakRate, produced, configured);
        Map<String, FlinkRestProbe.Checkpoints> before = new HashMap<>();
        for (FlinkRestProbe.Job job : probe.jobs()) {
            before.put(job.id(), probe.checkpoints(job.id()));
        }
        long start = System.nanoTime();
        CompletableFuture<KafkaTrafficWriter.Summary> traffic =
                generate(engine, eventTime, configured, speedUp, duration, 2);
        Map<String, JobFigures> figures = new HashMap<>();
        boolean done = false;
        while (!done) {
            done = GeneratorTraffic.finishesWithin(traffic, sampleEvery);
            for (FlinkRestProbe.Job job : probe.jobs()) {
                FlinkRestProbe.Checkpoints cp = probe.checkpoints(job.id());
                long lag = (long) probe.metric(job.id(), EngineHealth.SOURCE_LAG, Aggregate.SUM);
                double freshness = probe.metric(job.id(), FRESHNESS_P99, Aggregate.MAX);
                boolean settled = seconds(start) >= settle.toSeconds();
                figures.computeIfAbsent(job.name(), n -> new JobFigures())
                        .add(cp, before.get(job.id()), lag, freshness, settled);
                print(
                        "t=%.0fs job=%s state=%s checkpoints=%d failed=%d last_ms=%d"
                                + " state_bytes=%d checkpointed_bytes=%d lag=%d freshness_p99_ms=%.0f",
                        seconds(start),
                        job.name(),
                        job.state(),
                        cp.completed(),
                        cp.failed(),
                        cp.latestDurationMs(),
                        cp.latestFullStateBytes(),
                        cp.latestCheckpointedBytes(),
                        lag,
                        freshness);
            }
        }
        KafkaTrafficWriter.Summary sent = traffic.join();
        long failed = 0;
        long maxCheckpoint = 0;
        long maxLag = 0;
        double maxFreshness = 0;
        for (Map.Entry<String, JobFigures> entry : figures.entrySet()) {
            JobFigures f = entry.getValue();
            print(
                    "job=%s failed_checkpoints=%d max_checkpoint_ms=%d max_lag=%d"
                            + " max_freshness_p99_ms=%.0f state_bytes_first=%d state_bytes_last=%d",
                    entry.getKey(),
                    f.failed,
                    f.maxCheckpointMs,
                    f.maxLag,
                    f.maxFreshnessP99,
                    f.firstStateBytes,
                    f.lastStateBytes);
            failed += f.failed;
            maxCheckpoint = Math.max(maxCheckpoint, f.maxCheckpointMs);
            maxLag = Math.max(maxLag, f.maxLag);
            maxFreshness = Math.max(maxFreshness, f.maxFreshnessP99);
        }
        print(
                "soak minutes=%.1f events=%d events_per_s=%.0f failed_checkpoints=%d"
                        + " max_checkpoint_ms=%d max_lag_records=%d max_freshness_p99_ms=%.0f",
                sent.elapsed().toMillis() / 60_000.0,
                sent.events(),
                sent.events() / (sent.elapsed().toMillis() / 1000.0),
                failed,
                maxCheckpoint,
                maxLag,
                maxFreshness);
    }

    /** Per-job figures over the soak samples. */
    private static final class JobFigures {
        long failed;
        long maxCheckpointMs;
        long maxLag;
        double maxFreshnessP99;
        long firstStateBytes = -1;
        long lastStateBytes = -1;

        /**
         * @param settled whether the sample is past the settle time: only those count for the
         *     maxima of checkpoint duration, lag and freshness (the first samples still see the
         *     calibration burst's backlog); failed checkpoints count from the soak's start
         */
        void add(
                FlinkRestProbe.Checkpoints now,
                FlinkRestProbe.Checkpoints before,
                long lag,
                double freshnessP99,
                boolean settled) {
            failed = now.failed() - (before == null ? 0 : before.failed());
            if (settled) {
                maxCheckpointMs = Math.max(maxCheckpointMs, now.latestDurationMs());
                maxLag = Math.max(maxLag, lag);
                if (!Double.isNaN(freshnessP99)) {
                    maxFreshnessP99 = Math.max(maxFreshnessP99, freshnessP99);
                }
            }
            if (now.latestFullStateBytes() >= 0) {
                if (firstStateBytes < 0) {
                    firstStateBytes = now.latestFullStateBytes();
                }
                lastStateBytes = now.latestFullStateBytes();
            }
        }
    }

    private CompletableFuture<KafkaTrafficWriter.Summary> generate(
            LocalEngine engine,
            long startMillis,
            double eventsPerSecond,
            double runSpeedUp,
            Duration length,
            long seed) {
        GeneratorConfig config = config(startMillis, eventsPerSecond, runSpeedUp, seed);
        // at speed-up 1 event time follows the wall clock: start it there, whatever the warm-up
        Duration maxStartLag = runSpeedUp == 1 ? MAX_START_LAG : null;
        return GeneratorTraffic.inBackground(
                engine.stack().bootstrapServers(), config, length, maxStartLag);
    }

    private GeneratorConfig config(
            long startMillis, double eventsPerSecond, double runSpeedUp, long seed) {
        return GeneratorConfig.builder()
                .seed(seed)
                .users(users)
                .titles(titles)
                .eventsPerSecond(eventsPerSecond)
                .speedUp(runSpeedUp)
                .startMillis(startMillis)
                .warmUp(warmUpAt(eventsPerSecond, runSpeedUp))
                .build();
    }

    private long totalLag(FlinkRestProbe probe) throws Exception {
        long lag = 0;
        for (FlinkRestProbe.Job job : probe.jobs()) {
            lag += (long) probe.metric(job.id(), EngineHealth.SOURCE_LAG, Aggregate.SUM);
        }
        return lag;
    }

    private void awaitAllRunning(FlinkRestProbe probe) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            List<FlinkRestProbe.Job> jobs = probe.jobs();
            if (!jobs.isEmpty() && jobs.stream().allMatch(j -> j.state().equals("RUNNING"))) {
                print("jobs running: %d", jobs.size());
                return;
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("jobs did not all reach RUNNING: " + probe.jobs());
    }

    private void print(String format, Object... args) {
        out.printf(Locale.ROOT, format + "%n", args);
        out.flush();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
