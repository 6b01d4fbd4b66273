package io.reelstream.benchmarks.engine;

import io.reelstream.benchmarks.ProcessCpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Where the machine's cores go during the live phase: the CPU of each process (this JVM with the
 * Flink cluster, less the generator's thread; the generator; the Cassandra node; the Kafka broker)
 * per live event and in cores, and how busy the whole machine was. Freshness under load is a
 * queueing question, so whether the cores were near saturation decides what to fix next.
 */
final class LiveCpu {

    /** Linux's USER_HZ: the unit of /proc/stat's counters. */
    private static final double CLOCK_TICKS_PER_SECOND = 100;

    private final long cassandraPid;
    private final long kafkaPid;
    private final LongSupplier generatorCpuNanos;
    private final LongSupplier eventsSent;

    /**
     * @param cassandraPid the node's process id (-1: not measured)
     * @param kafkaPid the broker's process id (-1: not measured)
     * @param generatorCpuNanos the generator thread's CPU so far (-1: unknown)
     * @param eventsSent live events sent so far
     */
    LiveCpu(
            long cassandraPid,
            long kafkaPid,
            LongSupplier generatorCpuNanos,
            LongSupplier eventsSent) {
        this.cassandraPid = cassandraPid;
        this.kafkaPid = kafkaPid;
        this.generatorCpuNanos = generatorCpuNanos;
        this.eventsSent = eventsSent;
    }

    /** Cumulative counters now. */
    Sample sample() {
        return new Sample(
                System.nanoTime(),
                eventsSent.getAsLong(),
                ProcessCpu.cpuNanos(ProcessHandle.current().pid()),
                generatorCpuNanos.getAsLong(),
                ProcessCpu.cpuNanos(cassandraPid),
                ProcessCpu.cpuNanos(kafkaPid),
                machineTicks());
    }

    /**
     * Counters at one moment; {@code machine} is {busy, total} jiffies of all CPUs from /proc/stat
     * ({-1, -1} elsewhere).
     */
    record Sample(
            long nanoTime,
            long events,
            long jvmNanos,
            long generatorNanos,
            long cassandraNanos,
            long kafkaNanos,
            long[] machine) {

        /**
         * One line: per process (the JVM less the generator as {@code flink}) µs per live event and
         * cores, and the machine's busy share, between {@code earlier} and this sample.
         */
        String since(Sample earlier) {
            double seconds = (nanoTime - earlier.nanoTime) / 1e9;
            long n = events - earlier.events;
            Map<String, Long> processes = new LinkedHashMap<>();
            long generator = delta(generatorNanos, earlier.generatorNanos);
            long jvm = delta(jvmNanos, earlier.jvmNanos);
            processes.put("flink", jvm < 0 ? -1 : jvm - Math.max(0, generator));
            processes.put("generator", generator);
            processes.put("cassandra", delta(cassandraNanos, earlier.cassandraNanos));
            processes.put("kafka", delta(kafkaNanos, earlier.kafkaNanos));
            StringBuilder line =
                    new StringBuilder(
                            String.format(
                                    Locale.ROOT,
                                    "live cpu over %.0f s, %d events (%.0f/s):",
                                    seconds,
                                    n,
                                    n / seconds));
            processes.forEach(
                    (name, nanos) ->
                            line.append(
                                    nanos < 0
                                            ? String.format(Locale.ROOT, " %s=n/a", name)
                                            : String.format(
                                                    Locale.ROOT,
                                                    " %s_us/ev=%.1f %s_cores=%.2f",
                                                    name,
                                                    nanos / 1e3 / Math.max(1, n),
                                                    name,
                                                    nanos / 1e9 / seconds)));
            long busy = machine[0] - earlier.machine[0];
            long total = machine[1] - earlier.machine[1];
            line.append(
                    machine[0] < 0 || total <= 0
                            ? " machine_busy=n/a"
                            : String.format(
                                    Locale.ROOT,
                                    " machine_busy=%.0f%% (%.2f cores)",
                                    100.0 * busy / total,
                                    busy / CLOCK_TICKS_PER_SECOND / seconds));
            return line.toString();
        }

        private static long delta(long now, long before) {
            return now < 0 || before < 0 ? -1 : now - before;
        }
    }

    /** {busy, total} jiffies summed over all CPUs (the first line of /proc/stat); {-1, -1}. */
    static long[] machineTicks() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            return parseCpuLine(lines.get(0));
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    /**
     * {busy, total} from a {@code cpu user nice system idle iowait irq softirq steal ...} line:
     * idle and iowait are not busy.
     */
    static long[] parseCpuLine(String line) {
        String[] f = line.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total - idle, total};
    }
}
