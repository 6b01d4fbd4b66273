package io.reelstream.benchmarks.engine;

import io.reelstream.benchmarks.GeneratorTraffic;
import io.reelstream.benchmarks.engine.FreshnessStats.TableFreshness;
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
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

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
 */
final class LivePhase {

    /** Events start at most this far behind the wall clock. */
    static final Duration MAX_START_LAG = Duration.ofMillis(100);

    private final String bootstrap;
    private final FlinkRestProbe probe;
    private final Map<String, String> jobIds;
    private final String stallsTopic;
    private final Duration stallThreshold;

    /**
     * @param jobIds the running jobs, short name to job id
     */
    LivePhase(
            String bootstrap,
            FlinkRestProbe probe,
            Map<String, String> jobIds,
            String stallsTopic,
            Duration stallThreshold) {
        this.bootstrap = bootstrap;
        this.probe = probe;
        this.jobIds = jobIds;
        this.stallsTopic = stallsTopic;
        this.stallThreshold = stallThreshold;
    }

    /** Freshness per job and table, and the stall signal latencies. */
    record Result(Map<String, Map<String, TableFreshness>> byJob, List<Long> stallLatenciesMs) {}

    /**
     * Runs the generator with {@code config} (speed-up 1; its rate corrected so that it produces
     * {@code config.eventsPerSecond()}) for {@code settle + duration}, sampling from {@code
     * settle}.
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
            CompletableFuture<KafkaTrafficWriter.Summary> traffic =
                    GeneratorTraffic.inBackground(
                            bootstrap, corrected, settle.plus(duration), MAX_START_LAG);
            boolean done = false;
            while (!done) {
                done = GeneratorTraffic.finishesWithin(traffic, sampleEvery);
                double t = (System.nanoTime() - start) / 1e9;
                if (t < settle.toSeconds()) {
                    progress.accept(String.format(Locale.ROOT, "t=%.0fs settling", t));
                    continue;
                }
                StringBuilder worst = new StringBuilder();
                for (Map.Entry<String, String> job : jobIds.entrySet()) {
                    sample(job.getValue(), stats.get(job.getKey()), worst);
                }
                progress.accept(
                        String.format(
                                Locale.ROOT,
                                "t=%.0fs stall signals=%d p99_ms by table:%s",
                                t,
                                stalls.latencies().size(),
                                worst));
            }
            KafkaTrafficWriter.Summary sent = traffic.join();
            progress.accept(
                    String.format(
                            Locale.ROOT,
                            "live sent events=%d in %.0f s (%.0f events/s)",
                            sent.events(),
                            sent.elapsed().toMillis() / 1000.0,
                            sent.events() / (sent.elapsed().toMillis() / 1000.0)));
            Map<String, Map<String, TableFreshness>> byJob = new LinkedHashMap<>();
            stats.forEach((job, s) -> byJob.put(job, s.summary()));
            return new Result(byJob, stalls.latencies());
        }
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
