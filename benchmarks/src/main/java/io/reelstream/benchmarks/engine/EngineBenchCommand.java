package io.reelstream.benchmarks.engine;

import io.reelstream.benchmarks.BenchDirectories;
import io.reelstream.benchmarks.LocalFlinkOptions;
import io.reelstream.benchmarks.ProcessCpu;
import io.reelstream.engine.DurationConverter;
import io.reelstream.engine.FlinkRestProbe;
import io.reelstream.engine.LocalEngine;
import io.reelstream.generator.GeneratorConfig;
import io.reelstream.pipelines.qoe.QoeOptions;

import org.apache.flink.configuration.MetricOptions;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code reelstream bench engine}: the catch-up benchmark that decides issue 15. On the real local
 * stack (Kafka, Cassandra, RocksDB, exactly-once checkpoints as in {@code reelstream run}) it
 * pre-produces a backlog, then runs the pass-through baseline and each job alone over it, then all
 * jobs together, then measures freshness with the generator at a share of the all-jobs rate in real
 * time.
 */
@Command(
        name = "engine",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Catch-up of a pre-produced backlog: pass-through baseline, each job alone, all jobs"
                    + " together; then freshness at a share of the all-jobs rate.",
            "The last line is: passthrough_events_per_s=… features_events_per_s=…"
                    + " continue_watching_events_per_s=… recommendations_events_per_s=…"
                    + " qoe_events_per_s=… engine_events_per_s=… features_cpu_us_per_event=…"
                    + " freshness_p99_ms=…"
        })
public final class EngineBenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--events",
            defaultValue = "2000000",
            description = "Generator events in the backlog (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(
            names = "--members",
            defaultValue = "1000000",
            description = "Distinct members (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--titles", defaultValue = "5000", description = "Distinct titles.")
    int titles;

    @Option(
            names = "--backlog-density",
            defaultValue = "1000",
            description =
                    "Events per second of event time in the backlog (default: ${DEFAULT-VALUE}:"
                            + " 2 M events span about 33 min of event time).")
    double backlogDensity;

    @Option(
            names = "--jobs",
            split = ",",
            defaultValue = "passthrough,session-features,continue-watching,recommendations,qoe",
            description =
                    "Runs alone, in this order (default: ${DEFAULT-VALUE}); the jobs among them"
                            + " (not passthrough) also run together and for freshness.")
    List<String> jobs;

    @Option(
            names = "--freshness-duration",
            defaultValue = "3m",
            converter = DurationConverter.class,
            description = "Counted length of the live phase (default: ${DEFAULT-VALUE}).")
    Duration freshnessDuration;

    @Option(
            names = "--freshness-settle",
            defaultValue = "65s",
            converter = DurationConverter.class,
            description =
                    "Least live traffic before the counted part (default: ${DEFAULT-VALUE});"
                            + " counting also waits until every job's watermark has passed the"
                            + " live start and the sinks' one-minute histograms hold no backlog"
                            + " writes.")
    Duration freshnessSettle;

    @Option(
            names = "--freshness-share",
            defaultValue = "0.5",
            description = "Live rate as a share of the all-jobs catch-up rate.")
    double freshnessShare;

    @Option(
            names = "--live-rate",
            defaultValue = "0",
            description =
                    "Live events/s; 0 (default): --freshness-share of the all-jobs catch-up rate."
                            + " A fixed rate compares two configurations at the same load.")
    double liveRate;

    @Option(
            names = "--together-only",
            description =
                    "Skip the runs of each job alone (and passthrough): only all jobs together,"
                            + " then the live phase. For experiments; the decision run needs all.")
    boolean togetherOnly;

    @Option(
            names = "--sample-every",
            defaultValue = "15s",
            converter = DurationConverter.class,
            description = "Freshness sampling interval (default: ${DEFAULT-VALUE}).")
    Duration sampleEvery;

    @Option(
            names = "--warm-up",
            defaultValue = "2h",
            converter = DurationConverter.class,
            description =
                    "Simulated session history before the first event (capped to ~2 M generated"
                            + " and dropped events for the backlog, ~20 M for the live phase,"
                            + " whose rate must not ramp up; default: ${DEFAULT-VALUE}).")
    Duration warmUp;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed.")
    long seed;

    @Option(
            names = "--no-jit-warm-up",
            description =
                    "Skip the JIT warm-up: by default each job alone runs over the backlog once"
                            + " before its measured run, so that the measured run meets a JVM that"
                            + " has compiled the job's code, as a long-running TaskManager has; the"
                            + " first run is printed as cold-<job>.")
    boolean noJitWarmUp;

    @Option(
            names = "--catch-up-timeout",
            defaultValue = "3h",
            converter = DurationConverter.class,
            description =
                    "Per run; all jobs together on 2 M events take over an hour here (default:"
                            + " ${DEFAULT-VALUE}).")
    Duration catchUpTimeout;

    @Option(
            names = "--checkpoint-timeout",
            defaultValue = "3m",
            converter = DurationConverter.class,
            description =
                    "Wait for the first checkpoint after catch-up (default: ${DEFAULT-VALUE}).")
    Duration checkpointTimeout;

    @Option(
            names = "--data-dir",
            defaultValue = "${sys:reelstream.root:-.}/.reelstream/bench-engine",
            description = "Data folder (must not exist or be empty; default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Mixin LocalFlinkOptions flink;

    /** Events the generator may simulate and drop for the backlog's warm-up. */
    private static final double WARM_UP_EVENT_BUDGET = 2_000_000;

    /**
     * Events the generator may simulate and drop for the live phase's warm-up (~40 s of generator
     * CPU at ~4,500 events/s for an hour of history). Its session population must be near steady
     * state, or the live rate ramps up while it is measured: with the backlog's budget (7 minutes
     * of history at that rate) it rose from 0.9× to 1.3× the asked rate over the live phase of
     * decision run 8; with an hour it grows ~1 % per minute.
     */
    private static final double LIVE_WARM_UP_EVENT_BUDGET = 20_000_000;

    /** Pacing far above what the producer reaches: the backlog is written unpaced. */
    private static final double UNPACED_EVENTS_PER_SECOND = 10_000_000;

    private PrintWriter out;

    /** Runs the command on its own (the {@code reelstream} command also registers it). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new EngineBenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        List<BenchJob> selected = selectedJobs();
        Path conf = prepareDirectories();
        LocalEngine.Settings settings =
                new LocalEngine.Settings(dataDir, conf, 0, 0, 0, "reelstream", flink.parallelism());
        try (LocalEngine engine = LocalEngine.start(settings, List.of())) {
            FlinkRestProbe probe = new FlinkRestProbe(engine.flink().dashboardUrl());
            print("dashboard %s", engine.flink().dashboardUrl());
            Backlog backlog = writeBacklog(engine);
            CatchUpRun runs =
                    new CatchUpRun(
                            engine,
                            probe,
                            backlog,
                            new ProcessCpu(engine.stack().cassandra().pid()),
                            flink.parallelism(),
                            catchUpTimeout,
                            checkpointTimeout);
            Map<String, JobFigures> alone = new LinkedHashMap<>();
            Map<String, Long> failedCheckpoints = new LinkedHashMap<>();
            List<JobFigures> cold = new ArrayList<>();
            for (BenchJob job : togetherOnly ? List.<BenchJob>of() : selected) {
                if (!noJitWarmUp) {
                    print("catch-up alone, JIT warm-up: %s", job.name());
                    CatchUpRun.Started first = runs.start("cold-" + job.name(), List.of(job));
                    failedCheckpoints.put(first.figures().job(), runs.failedCheckpoints(first));
                    first.cancel();
                    cold.add(first.figures());
                    printAll(EngineBenchReport.catchUpTable(List.of(first.figures())));
                }
                print("catch-up alone: %s", job.name());
                CatchUpRun.Started run = runs.start(job.name(), List.of(job));
                failedCheckpoints.put(job.name(), runs.failedCheckpoints(run));
                run.cancel();
                alone.put(job.name(), run.figures());
                printAll(EngineBenchReport.catchUpTable(List.of(run.figures())));
            }
            List<BenchJob> pipelines =
                    selected.stream().filter(j -> !j.name().equals(BenchJob.PASSTHROUGH)).toList();
            JobFigures together = null;
            LivePhase.Result live = LivePhase.Result.none();
            if (!pipelines.isEmpty()) {
                print("catch-up together: %s", names(pipelines));
                CatchUpRun.Started all = runs.start("all", pipelines);
                together = all.figures();
                printAll(EngineBenchReport.catchUpTable(List.of(together)));
                live = livePhase(engine, probe, all, together, backlog);
                failedCheckpoints.put("all", runs.failedCheckpoints(all));
                all.cancel();
            }
            printReport(cold, alone, together, live, failedCheckpoints);
        }
        return 0;
    }

    /** The table of every run, freshness per table, the stall line, then the last line. */
    private void printReport(
            List<JobFigures> cold,
            Map<String, JobFigures> alone,
            JobFigures together,
            LivePhase.Result live,
            Map<String, Long> failedCheckpoints) {
        List<JobFigures> rows = new ArrayList<>(cold);
        rows.addAll(alone.values());
        if (together != null) {
            rows.add(together);
        }
        List<Long> stalls = live.stallLatenciesMs();
        print("");
        printAll(EngineBenchReport.catchUpTable(rows));
        printAll(EngineBenchReport.freshnessTable(live.byJob()));
        print(
                "live transition: watermarks past the live start after %s s, sources caught up after %s s, sampling from %s s",
                EngineBenchReport.number(live.watermarkSeconds(), 0),
                EngineBenchReport.number(live.caughtUpSeconds(), 0),
                EngineBenchReport.number(live.transitionSeconds(), 0));
        print(
                "live sink rows per Cassandra request (counted part; a multi-row batch is one): %s",
                live.rowsPerRequest().isEmpty()
                        ? "n/a"
                        : String.join(
                                " ",
                                live.rowsPerRequest().entrySet().stream()
                                        .map(
                                                e ->
                                                        String.format(
                                                                Locale.ROOT,
                                                                "%s=%.2f",
                                                                e.getKey(),
                                                                e.getValue()))
                                        .toList()));
        print("%s (counted part)", live.cpu());
        print("%s", live.checkpointSync());
        print(
                "qoe live stall signal past the threshold (read_committed): signals=%d"
                        + " p50_ms=%s p99_ms=%s",
                stalls.size(),
                EngineBenchReport.number(FreshnessStats.quantile(stalls, 0.5), 0),
                EngineBenchReport.number(FreshnessStats.quantile(stalls, 0.99), 0));
        print(
                "item_factors and similar_titles (per show, written at most once per"
                        + " reelstream.recommendations.item-factors-write-interval /"
                        + " similar-titles-write-interval; not in freshness_p99_ms): p99_ms=%s",
                EngineBenchReport.number(EngineBenchReport.coalescedModelP99(live.byJob()), 0));
        print(
                "member tables' worst sampled window (p99 of ~1-2 s of one subtask's writes; the"
                        + " phase p99 is freshness_p99_ms): p99_ms=%s",
                EngineBenchReport.number(
                        EngineBenchReport.freshnessWorstWindowP99(live.byJob()), 0));
        print("%s", EngineBenchReport.failedCheckpointsLine(failedCheckpoints));
        print(
                "%s",
                EngineBenchReport.lastLine(
                        alone, together, EngineBenchReport.freshnessP99(live.byJob())));
    }

    private List<BenchJob> selectedJobs() {
        List<BenchJob> selected = new ArrayList<>();
        for (String name : jobs) {
            selected.add(
                    BenchJob.named(name.trim())
                            .orElseThrow(
                                    () ->
                                            new CommandLine.ParameterException(
                                                    spec.commandLine(),
                                                    "unknown job '" + name + "'")));
        }
        return selected;
    }

    /**
     * Checks the data folder is empty and writes the Flink configuration: {@code
     * flinkConf/config.yaml} plus the RocksDB native statistics the benchmark reads and a 2 s (not
     * 10 s) refresh of the metrics the REST API serves.
     */
    private Path prepareDirectories() throws Exception {
        BenchDirectories.requireEmpty(spec.commandLine(), dataDir);
        Path conf = dataDir.resolve("flink-conf");
        Files.createDirectories(conf);
        StringBuilder yaml =
                new StringBuilder(Files.readString(flink.flinkConf().resolve("config.yaml")));
        yaml.append("\n# Added by reelstream bench engine\n");
        CatchUpRun.rocksDbMetricOptions()
                .forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
        // the REST API serves metrics at most this old: the catch-up end is seen within it
        yaml.append(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL.key()).append(": 2 s\n");
        Files.writeString(conf.resolve("config.yaml"), yaml);
        return conf;
    }

    private Backlog writeBacklog(LocalEngine engine) throws Exception {
        GeneratorConfig target =
                GeneratorConfig.builder()
                        .seed(seed)
                        .users(members)
                        .titles(titles)
                        .eventsPerSecond(UNPACED_EVENTS_PER_SECOND)
                        .speedUp(UNPACED_EVENTS_PER_SECOND / backlogDensity)
                        .warmUp(cappedWarmUp(backlogDensity))
                        .build();
        // all of it in the past: it ends two minutes before now
        long span = (long) (events / backlogDensity * 1000);
        GeneratorConfig config =
                GeneratorRates.corrected(target, System.currentTimeMillis() - span - 120_000);
        print(
                "backlog: %d events, %d members, %.0f events/s of event time",
                events, members, backlogDensity);
        Backlog backlog = Backlog.write(engine.stack().bootstrapServers(), config, events);
        print(
                "backlog written: events=%d records=%d in %.1f s, last event time %s",
                backlog.events(),
                backlog.records(),
                backlog.writeSeconds(),
                Instant.ofEpochMilli(backlog.lastEventTime()));
        return backlog;
    }

    /** The warm-up, capped so that it costs at most the budget of generated, dropped events. */
    private Duration cappedWarmUp(double eventTimeDensity) {
        return cappedWarmUp(eventTimeDensity, WARM_UP_EVENT_BUDGET);
    }

    private Duration cappedWarmUp(double eventTimeDensity, double eventBudget) {
        Duration cap = Duration.ofSeconds((long) (eventBudget / eventTimeDensity));
        return warmUp.compareTo(cap) <= 0 ? warmUp : cap;
    }

    private LivePhase.Result livePhase(
            LocalEngine engine,
            FlinkRestProbe probe,
            CatchUpRun.Started all,
            JobFigures together,
            Backlog backlog)
            throws Exception {
        double rate = liveRate > 0 ? liveRate : freshnessShare * together.eventsPerSecond();
        GeneratorConfig base =
                GeneratorConfig.builder()
                        .seed(seed + 1)
                        .users(members)
                        .titles(titles)
                        .speedUp(1)
                        .eventsPerSecond(rate)
                        .startMillis(
                                Math.max(
                                        backlog.lastEventTime() + 1_000,
                                        System.currentTimeMillis() - 10_000))
                        .warmUp(cappedWarmUp(rate, LIVE_WARM_UP_EVENT_BUDGET))
                        .build();
        print(
                "live: %.0f events/s (%.0f %% of the all-jobs rate), speed-up 1, %s + %s settle",
                rate, 100 * rate / together.eventsPerSecond(), freshnessDuration, freshnessSettle);
        return new LivePhase(
                        engine.stack().bootstrapServers(),
                        probe,
                        all.jobIds(),
                        QoeOptions.STALLS_TOPIC.defaultValue(),
                        QoeOptions.STALL_THRESHOLD.defaultValue(),
                        engine.stack().cassandra().pid(),
                        engine.stack().kafka().pid())
                .run(
                        base,
                        freshnessSettle,
                        freshnessDuration,
                        sampleEvery,
                        line -> print("%s", line));
    }

    private static String names(List<BenchJob> jobs) {
        return String.join(",", jobs.stream().map(BenchJob::name).toList());
    }

    private void printAll(List<String> lines) {
        lines.forEach(line -> print("%s", line));
    }

    private void print(String format, Object... args) {
        out.printf(Locale.ROOT, format + "%n", args);
        out.flush();
    }
}
