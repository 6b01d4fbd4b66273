package io.reelstream.benchmarks;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * CPU time of this JVM (the client: driver, Flink job) and of the Cassandra node's process, so a
 * benchmark can say where the cores went per row written: on a 2-core machine every core-second the
 * client spends is one the node does not get.
 */
public final class ProcessCpu {

    private final long cassandraPid;

    /**
     * @param cassandraPid the node's process id, or -1 if the node runs elsewhere (not measured)
     */
    public ProcessCpu(long cassandraPid) {
        this.cassandraPid = cassandraPid;
    }

    /** Total CPU time used so far by both processes. */
    public Sample sample() {
        return new Sample(cpuNanos(ProcessHandle.current()), cpuNanos(cassandraPid));
    }

    private static long cpuNanos(long pid) {
        if (pid <= 0) {
            return -1;
        }
        return ProcessHandle.of(pid).map(ProcessCpu::cpuNanos).orElse(-1L);
    }

    private static long cpuNanos(ProcessHandle process) {
        Optional<Duration> total = process.info().totalCpuDuration();
        return total.map(Duration::toNanos).orElse(-1L);
    }

    /** Cumulative CPU nanoseconds of the client and the node (-1: unknown). */
    public record Sample(long clientNanos, long cassandraNanos) {

        /** CPU microseconds per row of each process between {@code earlier} and this sample. */
        String perRowSince(Sample earlier, long rows) {
            return String.format(
                    Locale.ROOT,
                    "client_cpu_us_per_row=%.1f cassandra_cpu_us_per_row=%s",
                    (clientNanos - earlier.clientNanos) / 1e3 / rows,
                    cassandraNanos < 0 || earlier.cassandraNanos < 0
                            ? "n/a"
                            : String.format(
                                    Locale.ROOT,
                                    "%.1f",
                                    (cassandraNanos - earlier.cassandraNanos) / 1e3 / rows));
        }
    }
}
