package io.reelstream.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CPU time of this JVM (the client: driver, Flink job) and of the Cassandra node's process, so a
 * benchmark can say where the cores went per row written: on a 2-core machine every core-second the
 * client spends is one the node does not get.
 */
public final class ProcessCpu {

    /** Linux's USER_HZ: the unit of a thread's utime and stime in /proc (100 on every platform). */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private static final Pattern JIT_THREAD = Pattern.compile("C[12] CompilerThre");

    private final long cassandraPid;

    /**
     * @param cassandraPid the node's process id, or -1 if the node runs elsewhere (not measured)
     */
    public ProcessCpu(long cassandraPid) {
        this.cassandraPid = cassandraPid;
    }

    /** Total CPU time used so far by both processes, and by this JVM's JIT compiler threads. */
    public Sample sample() {
        return new Sample(
                cpuNanos(ProcessHandle.current()), cpuNanos(cassandraPid), jitCompilerNanos());
    }

    /**
     * CPU time of this JVM's JIT compiler threads ({@code C1/C2 CompilerThread*}) that are alive
     * now, from {@code /proc/self/task} (Linux); -1 elsewhere. A compiler thread that ends between
     * two samples is not counted, so a difference can only understate the JIT's share.
     */
    static long jitCompilerNanos() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        long ticks = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                ticks += compilerTicks(thread);
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }

    /** User plus system clock ticks of one thread if it is a JIT compiler thread, else 0. */
    private static long compilerTicks(Path thread) {
        try {
            String name = Files.readString(thread.resolve("comm")).trim();
            if (!JIT_THREAD.matcher(name).lookingAt()) {
                return 0;
            }
            String stat = Files.readString(thread.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0; // the thread ended while being read
        }
    }

    /** Total CPU time of process {@code pid} so far; -1 if it is not running or not measured. */
    public static long cpuNanos(long pid) {
        if (pid <= 0) {
            return -1;
        }
        return ProcessHandle.of(pid).map(ProcessCpu::cpuNanos).orElse(-1L);
    }

    private static long cpuNanos(ProcessHandle process) {
        Optional<Duration> total = process.info().totalCpuDuration();
        return total.map(Duration::toNanos).orElse(-1L);
    }

    /**
     * Cumulative CPU nanoseconds of the client and the node, and of the client's live JIT compiler
     * threads (-1: unknown).
     */
    public record Sample(long clientNanos, long cassandraNanos, long jitNanos) {

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
