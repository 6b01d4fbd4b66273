package io.reelstream.benchmarks.engine;

import io.reelstream.benchmarks.GeneratorTraffic;
import io.reelstream.benchmarks.engine.FreshnessStats.TableFreshness;
import io.reelstream.engine.EngineHealth;
import io.reelstream.engine.FlinkRestProbe;
import io.reelstream.engine.FlinkRestProbe.Aggregate;
import io.reelstream.engine.FlinkRestProbe.MetricValue;
import io.reelstream.generator.GeneratorConfig;
import io.reelstream.generator.KafkaTrafficWriter;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine benchmark's live phase: the generator in real time (speed-up 1) against the running
 * jobs, the sinks' freshness sampled per table, and the QoE stall signal's latency.
 *
 * <p>What freshness measures: the sinks' {@code freshnessMs} is the wall clock at the Cassandra ack
 * minus the row's event time. The generator here skips events more than {@link #MAX_START_LAG}
 * behind the wall clock when it starts and then sends each event when the wall clock has advanced
 * as far as event time has, so each event is produced between 0 and {@code MAX_START_LAG} after its
 * event time (more only if the generator falls behind its schedule): the figures are the
 * produce-to-ack latency plus at most {@code MAX_START_LAG}.
 *
 * <p>What is counted: the backlog ends minutes before live traffic starts, so the first live events
 * move every job's event time across that gap at once, and every event-time timer due in it fires
 * (flushes, session ends, expiries of the backlog's members). Their rows and signals carry backlog
 * event times: catch-up work, not the freshness of live traffic, and the live records that queued
 * behind them drain afterwards. Sampling therefore starts only when every job's operators have a
 * watermark past the live start (those timers have fired), every job's sources have caught up with
 * the live topics (at most {@link #CAUGHT_UP_LAG} of traffic not fetched yet) and one sink
 * histogram window ({@link #HISTOGRAM_WINDOW}) has passed since, and at least the configured
 * settle; stall signals count when their stall crossed the threshold after sampling started. How
 * long each step of that transition took is reported. The phase's p50 and p99 per table come from
 * the sinks' cumulative freshness buckets read when sampling starts and when the counted duration
 * ends; the samples in between give the worst window and a timeline in the progress lines.
 */
final class LivePhase {

    /** Events start at most this far behind the wall clock. */
    static final Duration MAX_START_LAG = Duration.ofMillis(100);

    /** What the sinks' freshness histograms cover (see the Cassandra sink's metrics). */
    static final Duration HISTOGRAM_WINDOW = Duration.ofMinutes(1);

    /**
     * Sampling starts after this much live traffic even if some watermark or source still lags
     * (said so).
     */
    static final Duration MAX_TRANSITION = Duration.ofMinutes(15);

    /**
     * A job's sources have caught up when the records they have not fetched yet ({@code
     * pendingRecords}) are at most this much of the live rate.
     */
    static final Duration CAUGHT_UP_LAG = Duration.ofSeconds(1);

    private final String bootstrap;
    private final FlinkRestProbe probe;
    private final Map<String, String> jobIds;
    private final String stallsTopic;
    private final Duration stallThreshold;
    private final long cassandraPid;
    private final long kafkaPid;

    /**
     * @param jobIds the running jobs, short name to job id
     * @param cassandraPid the Cassandra node's process (-1: its CPU is not measured)
     * @param kafkaPid the Kafka broker's process (-1: its CPU is not measured)
     */
    LivePhase(
            String bootstrap,
            FlinkRestProbe probe,
            Map<String, String> jobIds,
            String stallsTopic,
            Duration stallThreshold,
            long cassandraPid,
            long kafkaPid) {
        this.bootstrap = bootstrap;
        this.probe = probe;
        this.jobIds = jobIds;
        this.stallsTopic = stallsTopic;
        this.stallThreshold = stallThreshold;
        this.cassandraPid = cassandraPid;
        this.kafkaPid = kafkaPid;
    }

    /**
     * Freshness per job and table, the stall signal latencies, and how many seconds of live traffic
     * passed before sampling started ({@code transitionSeconds}; the watermarks passed the live
     * start after {@code watermarkSeconds} and the sources caught up after {@code caughtUpSeconds},
     * NaN if they never did), and where the CPU went in the counted part ({@code cpu}, a line of
     * {@link LiveCpu.Sample#since}), and how long checkpoints held the task threads then ({@code
     * checkpointSync}, a line of {@link CheckpointSyncPhases#summary}).
     */
    record Result(
            Map<String, Map<String, TableFreshness>> byJob,
            List<Long> stallLatenciesMs,
            double watermarkSeconds,
            double caughtUpSeconds,
            double transitionSeconds,
            Map<String, Double> rowsPerRequest,
            String cpu,
            String checkpointSync) {

        static Result none() {
            return new Result(
                    Map.of(),
                    List.of(),
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Map.of(),
                    "n/a",
                    "checkpoint sync phase: n/a");
        }
    }

    /** Per table, the sinks' written rows, multi-row batches and rows in them, all jobs summed. */
    private static final Pattern SINK_COUNTER =
            Pattern.compile("cassandra\\.([a-z0-9_]+)\\.(writes|batches|batchedRows)$");

    /**
     * Runs the generator with {@code config} (speed-up 1; its rate corrected so that it produces
     * {@code config.eventsPerSecond()}) until {@code duration} has been sampled, sampling from when
     * the transition is over (see the class comment) but not before {@code settle}.
     */
    Result run(
            GeneratorConfig config,
            Duration settle,
            Duration duration,
            Duration sampleEvery,
            Consumer<String> progress)
            throws Exception {
        GeneratorConfig corrected = GeneratorRates.corrected(config, config.startMillis());
        Map<String, FreshnessStats> stats = new LinkedHashMap<>();
        jobIds.keySet().forEach(job -> stats.put(job, new FreshnessStats()));
        try (StallLatencyProbe stalls =
                StallLatencyProbe.start(bootstrap, stallsTopic, stallThreshold)) {
            long start = System.nanoTime();
            long liveStartMs = System.currentTimeMillis();
            GeneratorTraffic.Running traffic =
                    GeneratorTraffic.start(
                            bootstrap,
                            corrected,
                            settle.plus(MAX_TRANSITION).plus(HISTOGRAM_WINDOW).plus(duration),
                            MAX_START_LAG);
            LiveCpu cpu =
                    new LiveCpu(
                            cassandraPid,
                            kafkaPid,
                            traffic::generatorCpuNanos,
                            traffic::eventsSent);
            LiveCpu.Sample cpuAtCount = null;
            LiveCpu.Sample cpuAtSample = cpu.sample();
            String cpuLine = "n/a";
            long caughtUpLag =
                    (long) Math.ceil(config.eventsPerSecond() * CAUGHT_UP_LAG.toMillis() / 1000.0);
            double watermarkSeconds = Double.NaN;
            double caughtUpSeconds = Double.NaN;
            double countFrom = Double.NaN;
            long countFromMs = Long.MAX_VALUE;
            Map<String, Map<String, long[]>> bucketsAtStart = Map.of();
            Map<String, long[]> sinkAtStart = Map.of();
            Map<String, Double> rowsPerRequest = Map.of();
            boolean bucketsCounted = false;
            CheckpointSyncPhases syncPhases = new CheckpointSyncPhases(probe);
            int stallsSeen = 0;
            boolean done = false;
            while (!done) {
                done = GeneratorTraffic.finishesWithin(traffic.summary(), sampleEvery);
                double t = (System.nanoTime() - start) / 1e9;
                if (Double.isNaN(countFrom)) {
                    if (Double.isNaN(watermarkSeconds) && watermarksPastLiveStart(liveStartMs)) {
                        watermarkSeconds = t;
                        progress.accept(
                                String.format(
                                        Locale.ROOT,
                                        "t=%.0fs every job's watermark is past the live start",
                                        t));
                    }
                    long lag = lagRecords();
                    if (!Double.isNaN(watermarkSeconds)
                            && Double.isNaN(caughtUpSeconds)
                            && lag <= caughtUpLag) {
                        caughtUpSeconds = t;
                        progress.accept(
                                String.format(
                                        Locale.ROOT,
                                        "t=%.0fs every job's sources have caught up (lag %d <= %d"
                                                + " records)",
                                        t,
                                        lag,
                                        caughtUpLag));
                    }
                    double ready =
                            Math.max(
                                    settle.toSeconds(),
                                    Double.isNaN(caughtUpSeconds)
                                            ? settle.plus(MAX_TRANSITION).toSeconds()
                                            : caughtUpSeconds + HISTOGRAM_WINDOW.toSeconds());
                    if (t < ready && !done) {
                        progress.accept(
                                String.format(
                                        Locale.ROOT, "t=%.0fs settling (lag %d records)", t, lag));
                        continue;
                    }
                    countFrom = t;
                    countFromMs = System.currentTimeMillis();
                    bucketsAtStart = bucketCounts();
                    sinkAtStart = sinkCounts();
                    cpuAtCount = cpu.sample();
                    progress.accept(
                            String.format(
                                    Locale.ROOT,
                                    "t=%.0fs sampling starts%s; slowest watermark behind the"
                                            + " wall clock, s:%s",
                                    t,
                                    Double.isNaN(watermarkSeconds)
                                            ? " (a watermark is still behind the live start)"
                                            : Double.isNaN(caughtUpSeconds)
                                                    ? " (a job's sources are still behind)"
                                                    : "",
                                    watermarkLags()));
                }
                StringBuilder worst = new StringBuilder();
                for (Map.Entry<String, String> job : jobIds.entrySet()) {
                    sample(job.getValue(), stats.get(job.getKey()), worst);
                    if (!bucketsCounted) {
                        syncPhases.collect(job.getKey(), job.getValue(), countFromMs);
                    }
                }
                List<Long> newStalls = stalls.latenciesFrom(stallsSeen);
                stallsSeen += newStalls.size();
                LiveCpu.Sample now = cpu.sample();
                progress.accept(
                        String.format(
                                Locale.ROOT,
                                "t=%.0fs lag=%d stall signals=%d (max of the %d new: %s ms)"
                                        + " worst-window p99_ms by table:%s; %s",
                                t,
                                lagRecords(),
                                stallsSeen,
                                newStalls.size(),
                                newStalls.stream().mapToLong(Long::longValue).max().orElse(-1),
                                worst,
                                now.since(cpuAtSample)));
                cpuAtSample = now;
                if (t - countFrom >= duration.toSeconds()) {
                    if (!bucketsCounted) {
                        countPhase(bucketsAtStart, bucketCounts(), stats);
                        rowsPerRequest = rowsPerRequest(sinkAtStart, sinkCounts());
                        cpuLine = now.since(cpuAtCount);
                        bucketsCounted = true;
                    }
                    traffic.stop();
                }
            }
            KafkaTrafficWriter.Summary sent = traffic.summary().join();
            progress.accept(
                    String.format(
                            Locale.ROOT,
                            "live sent events=%d in %.0f s (%.0f events/s)",
                            sent.events(),
                            sent.elapsed().toMillis() / 1000.0,
                            sent.events() / (sent.elapsed().toMillis() / 1000.0)));
            Map<String, Map<String, TableFreshness>> byJob = new LinkedHashMap<>();
            stats.forEach((job, s) -> byJob.put(job, s.summary()));
            return new Result(
                    byJob,
                    stalls.latenciesOfStallsFrom(countFromMs),
                    watermarkSeconds,
                    caughtUpSeconds,
                    countFrom,
                    rowsPerRequest,
                    cpuLine,
                    syncPhases.line());
        }
    }

    /**
     * Whether every operator of every job has an input watermark at or past {@code liveStartMs}
     * (the event-time timers due between the backlog and live traffic have fired). Sources (no
     * input watermark) are skipped. How far a watermark then stays behind the wall clock is the
     * job's own out-of-orderness and its inputs' delivery delay (telemetry reported in batches),
     * not backlog: it is printed when sampling starts, and the sources' lag decides the rest.
     */
    private boolean watermarksPastLiveStart(long liveStartMs) throws Exception {
        for (String jobId : jobIds.values()) {
            OptionalLong slowest = slowestWatermark(jobId);
            if (slowest.isEmpty() || slowest.getAsLong() < liveStartMs) {
                return false;
            }
        }
        return true;
    }

    /** Per job, how far its slowest operator's input watermark is behind the wall clock. */
    private String watermarkLags() throws Exception {
        StringBuilder line = new StringBuilder();
        long now = System.currentTimeMillis();
        for (Map.Entry<String, String> job : jobIds.entrySet()) {
            OptionalLong slowest = slowestWatermark(job.getValue());
            line.append(' ')
                    .append(job.getKey())
                    .append('=')
                    .append(
                            slowest.isEmpty()
                                    ? "n/a"
                                    : String.format(
                                            Locale.ROOT,
                                            "%.1f",
                                            (now - slowest.getAsLong()) / 1e3));
        }
        return line.toString();
    }

    /**
     * The lowest input watermark of any operator of the job; empty before any has one. Sources (no
     * input watermark) and inputs without a watermark yet report 0 or less and are skipped.
     */
    private OptionalLong slowestWatermark(String jobId) throws Exception {
        OptionalLong slowest = OptionalLong.empty();
        for (MetricValue v :
                probe.metricValues(
                        jobId, FlinkRestProbe.endingWith("currentInputWatermark"), Aggregate.MIN)) {
            if (v.value() > 0 && (slowest.isEmpty() || (long) v.value() < slowest.getAsLong())) {
                slowest = OptionalLong.of((long) v.value());
            }
        }
        return slowest;
    }

    /** The records every job's sources have not fetched yet, summed. */
    private long lagRecords() throws Exception {
        long lag = 0;
        for (String jobId : jobIds.values()) {
            double pending = probe.metric(jobId, EngineHealth.SOURCE_LAG, Aggregate.SUM);
            if (Double.isNaN(pending)) {
                return Long.MAX_VALUE; // not reported yet: not known to have caught up
            }
            lag += (long) pending;
        }
        return lag;
    }

    /** Per table: {writes, batches, batchedRows} of every job's sinks, summed over subtasks. */
    private Map<String, long[]> sinkCounts() throws Exception {
        Map<String, long[]> byTable = new TreeMap<>();
        for (String jobId : jobIds.values()) {
            for (MetricValue v :
                    probe.metricValues(jobId, SINK_COUNTER.asPredicate(), Aggregate.SUM)) {
                Matcher m = SINK_COUNTER.matcher(v.id());
                if (m.find() && !Double.isNaN(v.value())) {
                    int index =
                            switch (m.group(2)) {
                                case "writes" -> 0;
                                case "batches" -> 1;
                                default -> 2;
                            };
                    byTable.computeIfAbsent(m.group(1), t -> new long[3])[index] +=
                            (long) v.value();
                }
            }
        }
        return byTable;
    }

    /**
     * Rows per Cassandra request per table between two {@link #sinkCounts} readings: a multi-row
     * batch is one request, every other row one.
     */
    static Map<String, Double> rowsPerRequest(Map<String, long[]> start, Map<String, long[]> end) {
        Map<String, Double> perTable = new TreeMap<>();
        end.forEach(
                (table, counts) -> {
                    long[] before = start.getOrDefault(table, new long[3]);
                    long rows = counts[0] - before[0];
                    long requests =
                            JobFigures.requests(rows, counts[1] - before[1], counts[2] - before[2]);
                    if (rows > 0 && requests > 0) {
                        perTable.put(table, (double) rows / requests);
                    }
                });
        return perTable;
    }

    /** Per job, per table: the sinks' freshness bucket counters, summed over subtasks. */
    private Map<String, Map<String, long[]>> bucketCounts() throws Exception {
        Map<String, Map<String, long[]>> byJob = new LinkedHashMap<>();
        for (Map.Entry<String, String> job : jobIds.entrySet()) {
            Map<String, long[]> byTable = new LinkedHashMap<>();
            for (MetricValue v :
                    probe.metricValues(
                            job.getValue(),
                            FreshnessStats.BUCKET_METRIC.asPredicate(),
                            Aggregate.SUM)) {
                FreshnessStats.bucket(v.id())
                        .ifPresent(
                                b ->
                                        byTable.computeIfAbsent(
                                                                b.table(),
                                                                t -> FreshnessStats.emptyCounts())[
                                                        b.index()] +=
                                                (long) v.value());
            }
            byJob.put(job.getKey(), byTable);
        }
        return byJob;
    }

    /** The writes between two readings of {@link #bucketCounts}, into each job's stats. */
    private static void countPhase(
            Map<String, Map<String, long[]>> start,
            Map<String, Map<String, long[]>> end,
            Map<String, FreshnessStats> stats) {
        end.forEach(
                (job, tables) ->
                        tables.forEach(
                                (table, counts) -> {
                                    long[] before =
                                            start.getOrDefault(job, Map.of())
                                                    .getOrDefault(
                                                            table, FreshnessStats.emptyCounts());
                                    long[] delta = new long[counts.length];
                                    for (int i = 0; i < counts.length; i++) {
                                        delta[i] = Math.max(0, counts[i] - before[i]);
                                    }
                                    stats.get(job).phaseCounts(table, delta);
                                }));
    }

    /**
     * Adds one sample of the job's tables to {@code stats}; appends " table=p99" to {@code worst}.
     */
    private void sample(String jobId, FreshnessStats stats, StringBuilder worst) throws Exception {
        Map<String, double[]> byTable = new LinkedHashMap<>();
        // median: mean over subtasks; p99: the worst subtask
        for (Aggregate aggregate : List.of(Aggregate.AVG, Aggregate.MAX)) {
            for (MetricValue v :
                    probe.metricValues(jobId, FreshnessStats.METRIC.asPredicate(), aggregate)) {
                FreshnessStats.metric(v.id())
                        .filter(m -> m.median() == (aggregate == Aggregate.AVG))
                        .ifPresent(
                                m ->
                                        byTable.computeIfAbsent(
                                                                m.table(),
                                                                t ->
                                                                        new double[] {
                                                                            Double.NaN, Double.NaN
                                                                        })[m.median() ? 0 : 1] =
                                                v.value());
            }
        }
        byTable.forEach(
                (table, pair) -> {
                    stats.add(table, pair[0], pair[1]);
                    worst.append(String.format(Locale.ROOT, " %s=%.0f", table, pair[1]));
                });
    }
}
