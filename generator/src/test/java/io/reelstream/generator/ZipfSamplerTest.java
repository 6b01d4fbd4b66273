package io.reelstream.generator;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ZipfSamplerTest {

    @Test
    void shouldMatchTheZipfProbabilitiesOfANaiveReference() {
        int n = 50;
        double exponent = 1.1;
        ZipfSampler sampler = new ZipfSampler(n, exponent);
        SplittableRandom random = new SplittableRandom(3);
        int draws = 400_000;
        int[] counts = new int[n];
        for (int i = 0; i < draws; i++) {
            counts[sampler.sample(random)]++;
        }
        double norm = 0;
        for (int rank = 1; rank <= n; rank++) {
            norm += 1 / Math.pow(rank, exponent);
        }
        for (int rank = 0; rank < n; rank++) {
            double expected = 1 / Math.pow(rank + 1, exponent) / norm;
            double observed = counts[rank] / (double) draws;
            assertThat(observed)
                    .as("rank %d", rank)
                    .isCloseTo(
                            expected, org.assertj.core.data.Offset.offset(0.005 + expected * 0.05));
        }
    }
}
