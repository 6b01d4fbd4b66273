package io.reelstream.engine;

import io.reelstream.generator.GeneratorConfig;
import io.reelstream.generator.KafkaTrafficWriter;
import io.reelstream.generator.Topics;
import io.reelstream.generator.TrafficGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the event generator against Kafka in a background thread for {@code reelstream run}; the
 * writer logs its own progress lines (rate, counts, elapsed).
 */
public final class TrafficRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrafficRunner.class);

    private final Thread thread;
    private final AtomicReference<String> state = new AtomicReference<>("starting");

    private TrafficRunner(Options options, String bootstrapServers) {
        this.thread = new Thread(() -> run(options, bootstrapServers), "event-generator");
        this.thread.setDaemon(true);
    }

    /** Starts generating into the default topics of {@code bootstrapServers}. */
    public static TrafficRunner start(Options options, String bootstrapServers) {
        TrafficRunner runner = new TrafficRunner(options, bootstrapServers);
        runner.thread.start();
        return runner;
    }

    private void run(Options options, String bootstrapServers) {
        GeneratorConfig config = options.toConfig();
        state.set("running");
        try (KafkaTrafficWriter writer =
                new KafkaTrafficWriter(
                        bootstrapServers, Map.of(), Topics.defaults(), Duration.ofSeconds(15))) {
            KafkaTrafficWriter.Summary summary =
                    writer.run(new TrafficGenerator(config), options.maxEvents, options.duration);
            state.set(
                    "finished: "
                            + summary.events()
                            + " events in "
                            + summary.elapsed().toSeconds()
                            + " s");
            LOG.info("Generator {}", state.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state.set("stopped");
        } catch (RuntimeException e) {
            state.set("failed: " + e.getMessage());
            LOG.error("Event generator failed", e);
        }
    }

    /** A short status for progress lines. */
    public String progressLine() {
        return state.get();
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(Duration.ofSeconds(30).toMillis());
    }

    /** Generator options of {@code reelstream run}. */
    public static final class Options {
        @Option(
                names = "--users",
                defaultValue = "10000",
                description = "Members (default: ${DEFAULT-VALUE}).")
        int users;

        @Option(
                names = "--titles",
                defaultValue = "2000",
                description = "Titles incl. episodes (default: ${DEFAULT-VALUE}).")
        int titles;

        @Option(
                names = "--rate",
                defaultValue = "2000",
                description = "Events per second sent to Kafka (default: ${DEFAULT-VALUE}).")
        double rate;

        @Option(
                names = "--speed-up",
                defaultValue = "10",
                description =
                        "Event time runs this many times faster than wall time (default: ${DEFAULT-VALUE}).")
        double speedUp;

        @Option(
                names = "--event-time-start",
                defaultValue = "1d",
                converter = DurationConverter.class,
                description =
                        "Event time starts this long before now, so a sped-up clock stays in the past (default: ${DEFAULT-VALUE}).")
        Duration startAgo;

        @Option(
                names = "--duration",
                defaultValue = "8h",
                converter = DurationConverter.class,
                description = "Stop generating after this wall time (default: ${DEFAULT-VALUE}).")
        Duration duration;

        @Option(
                names = "--max-events",
                defaultValue = "9223372036854775807",
                description = "Stop after this many events (default: unlimited).")
        long maxEvents;

        @Option(
                names = "--seed",
                defaultValue = "42",
                description =
                        "Random seed: the same seed gives the same traffic (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(
                names = "--malformed-share",
                defaultValue = "0.002",
                description =
                        "Share of deliberately malformed records (default: ${DEFAULT-VALUE}).")
        double malformedShare;

        @Option(
                names = "--stall-cdn",
                defaultValue = "cdn-b",
                description = "CDN where most stalls happen (default: ${DEFAULT-VALUE}).")
        String stallCdn;

        GeneratorConfig toConfig() {
            return GeneratorConfig.builder()
                    .seed(seed)
                    .users(users)
                    .titles(titles)
                    .eventsPerSecond(rate)
                    .speedUp(speedUp)
                    .startMillis(System.currentTimeMillis() - startAgo.toMillis())
                    .malformedShare(malformedShare)
                    .stallCdn(stallCdn)
                    .build();
        }
    }
}
