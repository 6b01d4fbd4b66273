package io.reelstream.benchmarks;

import io.reelstream.generator.GeneratorConfig;
import io.reelstream.generator.KafkaTrafficWriter;
import io.reelstream.generator.Topics;
import io.reelstream.generator.TrafficGenerator;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Generator traffic in the background while a benchmark samples the jobs: the soak and the engine
 * benchmark's live phase run the writer the same way.
 */
public final class GeneratorTraffic {

    /** The writer's thread, so that a benchmark can tell its CPU from the engine's. */
    static final String GENERATOR_THREAD = "reelstream-generator";

    private GeneratorTraffic() {}

    /**
     * Writes {@code config}'s traffic to the default topics of {@code bootstrap} for {@code length}
     * in a background thread.
     *
     * @param maxStartLag events further behind the wall clock at the start are skipped; {@code
     *     null} sends all from the configured start
     */
    public static CompletableFuture<KafkaTrafficWriter.Summary> inBackground(
            String bootstrap, GeneratorConfig config, Duration length, Duration maxStartLag) {
        return start(bootstrap, config, length, maxStartLag).summary();
    }

    /**
     * Like {@link #inBackground}, but the traffic can also be ended early with {@link
     * Running#stop()}.
     */
    public static Running start(
            String bootstrap, GeneratorConfig config, Duration length, Duration maxStartLag) {
        KafkaTrafficWriter writer =
                new KafkaTrafficWriter(
                        bootstrap, Map.of(), Topics.defaults(), Duration.ofSeconds(30));
        CompletableFuture<KafkaTrafficWriter.Summary> summary = new CompletableFuture<>();
        Thread thread =
                new Thread(
                        () -> {
                            try (writer) {
                                summary.complete(
                                        writer.run(
                                                new TrafficGenerator(config),
                                                Long.MAX_VALUE,
                                                length,
                                                maxStartLag));
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                summary.completeExceptionally(
                                        new IllegalStateException("generator interrupted", e));
                            } catch (RuntimeException | Error e) {
                                summary.completeExceptionally(e);
                            }
                        },
                        GENERATOR_THREAD);
        thread.setDaemon(true);
        thread.start();
        return new Running(summary, writer, thread);
    }

    /** Traffic being written in the background: its summary once done, and a way to end it. */
    public record Running(
            CompletableFuture<KafkaTrafficWriter.Summary> summary,
            KafkaTrafficWriter writer,
            Thread thread) {

        /** Events sent so far (catalog excluded). */
        public long eventsSent() {
            return writer.eventsSent();
        }

        /**
         * CPU nanoseconds the writer's thread used so far (generating and handing records to the
         * producer; the producer's I/O thread is not counted), or -1 if unknown or ended.
         */
        public long generatorCpuNanos() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            return threads.isThreadCpuTimeSupported()
                    ? threads.getThreadCpuTime(thread.getId())
                    : -1;
        }

        /** Ends the traffic after the record being sent; {@link #summary()} then completes. */
        public void stop() {
            writer.stop();
        }
    }

    /** Waits up to {@code wait} for {@code future}; whether it finished. */
    public static boolean finishesWithin(CompletableFuture<?> future, Duration wait)
            throws Exception {
        try {
            future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }
}
