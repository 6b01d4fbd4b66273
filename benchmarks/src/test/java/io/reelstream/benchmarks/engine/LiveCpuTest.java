package io.reelstream.benchmarks.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LiveCpuTest {

    @Test
    void busyLeavesOutIdleAndIowait() {
        long[] ticks = LiveCpu.parseCpuLine("cpu  100 5 50 800 40 3 2 0 0 0");
        assertThat(ticks).containsExactly(160, 1000);
    }

    @Test
    void splitsTheGeneratorFromTheEngineJvmPerEventAndInCores() {
        LiveCpu.Sample before =
                new LiveCpu.Sample(
                        0, 1_000, 10_000_000_000L, 1_000_000_000L, 0, 0, new long[] {0, 0});
        // 2 s, 4,000 events; the JVM used 3 s of CPU of which the generator 0.4 s
        LiveCpu.Sample after =
                new LiveCpu.Sample(
                        2_000_000_000L,
                        5_000,
                        13_000_000_000L,
                        1_400_000_000L,
                        1_000_000_000L,
                        200_000_000L,
                        new long[] {360, 400});
        assertThat(after.since(before))
                .isEqualTo(
                        "live cpu over 2 s, 4000 events (2000/s): flink_us/ev=650.0"
                                + " flink_cores=1.30 generator_us/ev=100.0 generator_cores=0.20"
                                + " cassandra_us/ev=250.0 cassandra_cores=0.50 kafka_us/ev=50.0"
                                + " kafka_cores=0.10 machine_busy=90% (1.80 cores)");
    }

    @Test
    void saysWhatWasNotMeasured() {
        LiveCpu.Sample before = new LiveCpu.Sample(0, 0, 0, -1, -1, 0, new long[] {-1, -1});
        LiveCpu.Sample after =
                new LiveCpu.Sample(1_000_000_000L, 10, 1_000_000L, -1, -1, 0, new long[] {-1, -1});
        assertThat(after.since(before))
                .contains(
                        "flink_us/ev=100.0", "generator=n/a", "cassandra=n/a", "machine_busy=n/a");
    }
}
