package io.reelstream.benchmarks.engine;

import io.reelstream.benchmarks.engine.FreshnessStats.TableFreshness;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-event figures and the last line that decides issue 15. */
class EngineBenchReportTest {

    private static JobFigures figures(String job, long input, double seconds, long cpuNanos) {
        return new JobFigures(
                job,
                input,
                seconds / 2,
                seconds,
                cpuNanos,
                -1,
                2_000_000,
                500,
                200,
                250,
                1.0e6,
                2.0e6,
                120,
                4096,
                1024);
    }

    @Test
    void shouldDivideEveryCountByTheInputRecords() {
        JobFigures f = figures("session-features", 1_000, 4.0, 3_000_000);

        assertThat(f.eventsPerSecond()).isEqualTo(250.0);
        assertThat(f.jvmCpuMicrosPerEvent()).isEqualTo(3.0);
        assertThat(f.cassandraCpuMicrosPerEvent()).isEqualTo(2.0);
        assertThat(f.cassandraRowsPerEvent()).isEqualTo(0.5);
        assertThat(f.kafkaRecordsPerEvent()).isEqualTo(0.25);
        assertThat(f.cassandraRowsPerRequest()).isEqualTo(2.5);
        assertThat(f.rocksBytesWrittenPerEvent()).isEqualTo(1000.0);
    }

    @Test
    void shouldLeaveTheJitCompilerOutOfTheCpuPerEventAndReportItBeside() {
        JobFigures f =
                new JobFigures(
                        "session-features",
                        1_000,
                        2.0,
                        4.0,
                        5_000_000,
                        1_500_000,
                        -1,
                        0,
                        -1,
                        0,
                        0,
                        0,
                        -1,
                        0,
                        0);

        assertThat(f.jvmCpuMicrosPerEvent()).isEqualTo(3.5);
        assertThat(f.jitCpuMicrosPerEvent()).isEqualTo(1.5);
    }

    @Test
    void shouldReportUnmeasuredFiguresAsNaN() {
        JobFigures f = new JobFigures("qoe", 1_000, 2.0, 4.0, 1, -1, -1, 0, -1, 0, 0, 0, -1, 0, 0);

        assertThat(f.cassandraCpuMicrosPerEvent()).isNaN();
        assertThat(f.cassandraRowsPerRequest()).isNaN();
        assertThat(EngineBenchReport.number(f.cassandraCpuMicrosPerEvent(), 1)).isEqualTo("n/a");
    }

    @Test
    void shouldPrintTheLastLineInTheIssuesOrderWithMissingJobsAsNa() {
        Map<String, JobFigures> alone = new LinkedHashMap<>();
        alone.put("passthrough", figures("passthrough", 10_000, 2.0, 0));
        alone.put("session-features", figures("session-features", 9_000, 9.0, 4_500_000_000L));
        alone.put("qoe", figures("qoe", 1_000, 0.5, 0));

        String line = EngineBenchReport.lastLine(alone, figures("all", 10_000, 20.0, 0), 1234.4);

        assertThat(line)
                .isEqualTo(
                        "passthrough_events_per_s=5000 features_events_per_s=1000"
                                + " continue_watching_events_per_s=n/a"
                                + " recommendations_events_per_s=n/a qoe_events_per_s=2000"
                                + " engine_events_per_s=500 features_cpu_us_per_event=500.0"
                                + " freshness_p99_ms=1234");
    }

    @Test
    void shouldSumFailedCheckpointsOverRunsAndListEachRun() {
        Map<String, Long> byRun = new LinkedHashMap<>();
        byRun.put("cold-qoe", 0L);
        byRun.put("qoe", 2L);
        byRun.put("all", 1L);

        assertThat(EngineBenchReport.failedCheckpointsLine(byRun))
                .isEqualTo("failed checkpoints during the bench: total=3 (cold-qoe=0 qoe=2 all=1)");
    }

    @Test
    void shouldTakeTheFreshnessP99OverMemberRowsOfFeaturesContinueWatchingAndRecommendationsOnly() {
        Map<String, Map<String, TableFreshness>> byJob = new LinkedHashMap<>();
        byJob.put(
                "session-features",
                Map.of(
                        "user_features",
                        new TableFreshness("user_features", 400, 900, 1800, 4, 100),
                        "user_features (time-driven)",
                        new TableFreshness(
                                "user_features (time-driven)", 5000, 30000, 60000, 4, 100)));
        byJob.put(
                "recommendations",
                Map.of(
                        "item_factors",
                        new TableFreshness("item_factors", 5000, 11000, 22000, 4, 100),
                        "recommendations",
                        new TableFreshness("recommendations", 100, 950, 1900, 4, 100)));
        byJob.put(
                "qoe",
                Map.of(
                        "playback_qoe",
                        new TableFreshness("playback_qoe", 1, 99000, 198000, 4, 100)));

        assertThat(EngineBenchReport.freshnessP99(byJob)).isEqualTo(950);
        assertThat(EngineBenchReport.coalescedModelP99(byJob)).isEqualTo(11000);
        assertThat(EngineBenchReport.freshnessWorstWindowP99(byJob)).isEqualTo(1_900);
        assertThat(EngineBenchReport.freshnessP99(Map.of())).isNaN();
    }

    @Test
    void shouldPrintAHeaderAndOneRowPerRun() {
        List<String> table =
                EngineBenchReport.catchUpTable(
                        List.of(figures("passthrough", 10, 1, 0), figures("all", 10, 2, 0)));

        assertThat(table).hasSize(3);
        assertThat(table.get(0)).startsWith("job").contains("events/s", "rocks_B/ev", "cp_ms");
        assertThat(table.get(2)).startsWith("all");
    }
}
