package io.reelstream.udfs.qoe;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The optimised accumulator against a naive computation on generated, shuffled samples. */
class CohortAccumulatorTest {

    private final CohortMetricsAggregate aggregate = new CohortMetricsAggregate();

    @Test
    void shouldMatchNaiveReferenceWhateverTheOrderAndPartitioning() {
        Random random = new Random(11);
        for (int run = 0; run < 10; run++) {
            List<CohortSample> samples = generate(random, 50 + random.nextInt(2_000));
            Collections.shuffle(samples, random);

            CohortMetrics actual = aggregateInParts(samples, random).result("cdn=a", 0, 60_000);
            CohortMetrics expected = naive(samples);

            assertThat(actual.sessions()).isEqualTo(expected.sessions());
            assertThat(actual.startAttempts()).isEqualTo(expected.startAttempts());
            assertThat(actual.startFailureRate()).isEqualTo(expected.startFailureRate());
            assertThat(actual.rebufferRatio()).isEqualTo(expected.rebufferRatio());
            assertThat(actual.startupP50Ms())
                    .isCloseTo(expected.startupP50Ms(), within(expected.startupP50Ms() * 0.02));
            assertThat(actual.startupP95Ms())
                    .isCloseTo(expected.startupP95Ms(), within(expected.startupP95Ms() * 0.02));
        }
    }

    @Test
    void shouldLeaveUndefinedMetricsNull() {
        CohortAccumulator accumulator = aggregate.createAccumulator();
        aggregate.add(new CohortSample("cdn=a", 1, false, true, null, 0, 0), accumulator);

        CohortMetrics metrics = aggregate.getResult(accumulator).result("cdn=a", 0, 60_000);

        assertThat(metrics.sessions()).isEqualTo(1);
        assertThat(metrics.startAttempts()).isZero();
        assertThat(metrics.startFailureRate()).isNull();
        assertThat(metrics.rebufferRatio()).isNull();
        assertThat(metrics.startupP50Ms()).isNull();
    }

    private CohortAccumulator aggregateInParts(List<CohortSample> samples, Random random) {
        List<CohortAccumulator> parts = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            parts.add(aggregate.createAccumulator());
        }
        for (CohortSample sample : samples) {
            aggregate.add(sample, parts.get(random.nextInt(parts.size())));
        }
        CohortAccumulator merged = aggregate.createAccumulator();
        for (CohortAccumulator part : parts) {
            merged = aggregate.merge(merged, part);
        }
        return aggregate.getResult(merged);
    }

    private static List<CohortSample> generate(Random random, int n) {
        List<CohortSample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean ebvs = random.nextDouble() < 0.05;
            boolean vsf = !ebvs && random.nextDouble() < 0.03;
            Long startup = ebvs || vsf ? null : (long) (300 + random.nextInt(4_000));
            long play = startup == null ? 0 : random.nextInt(600_000);
            long rebuffer =
                    startup == null ? 0 : (random.nextDouble() < 0.2 ? random.nextInt(20_000) : 0);
            samples.add(
                    new CohortSample(
                            "cdn=a", random.nextInt(60_000), vsf, ebvs, startup, rebuffer, play));
        }
        return samples;
    }

    private static CohortMetrics naive(List<CohortSample> samples) {
        long sessions = samples.size();
        long ebvs = samples.stream().filter(CohortSample::exitBeforeStart).count();
        long vsf = samples.stream().filter(CohortSample::startFailure).count();
        long rebuffer = samples.stream().mapToLong(CohortSample::rebufferMs).sum();
        long play = samples.stream().mapToLong(CohortSample::playMs).sum();
        List<Long> startups =
                samples.stream()
                        .map(CohortSample::startupMs)
                        .filter(s -> s != null)
                        .sorted()
                        .toList();
        return new CohortMetrics(
                1,
                "cdn=a",
                0,
                60_000,
                sessions,
                sessions - ebvs,
                (double) vsf / (sessions - ebvs),
                (double) rebuffer / (rebuffer + play),
                (double) startups.get((int) Math.floor(0.5 * (startups.size() - 1))),
                (double) startups.get((int) Math.floor(0.95 * (startups.size() - 1))));
    }
}
