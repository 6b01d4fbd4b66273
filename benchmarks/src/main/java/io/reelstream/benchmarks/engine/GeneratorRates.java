package io.reelstream.benchmarks.engine;

import io.reelstream.generator.GeneratorConfig;
import io.reelstream.generator.TrafficGenerator;

import java.time.Duration;

/**
 * The generator's session model reaches its configured rate only approximately; these configs are
 * scaled (as the soak benchmark does) so that the traffic really has the rate, or the event-time
 * density, the benchmark asks for.
 */
final class GeneratorRates {

    /**
     * Event time the generator's real rate is measured over: about as long as a live phase runs
     * (transition, settle and counted minutes), so that a slow residual ramp averages out over it.
     */
    private static final Duration RATE_PROBE = Duration.ofMinutes(8);

    private GeneratorRates() {}

    /**
     * {@code config} with its {@code eventsPerSecond} scaled so that the generator produces what
     * {@code config} asks for, and starting at {@code startMillis}.
     */
    static GeneratorConfig corrected(GeneratorConfig config, long startMillis) {
        double wanted = config.eventsPerSecond();
        double produced = TrafficGenerator.measuredEventsPerSecond(config, RATE_PROBE);
        return GeneratorConfig.builder()
                .seed(config.seed())
                .users(config.users())
                .titles(config.titles())
                .speedUp(config.speedUp())
                .warmUp(Duration.ofMillis(config.warmUpMs()))
                .eventsPerSecond(wanted * wanted / produced)
                .startMillis(startMillis)
                .build();
    }
}
