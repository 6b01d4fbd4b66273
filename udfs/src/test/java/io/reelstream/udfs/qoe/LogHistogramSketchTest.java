package io.reelstream.udfs.qoe;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LogHistogramSketchTest {

    private static final double[] QUANTILES = {0.0, 0.01, 0.1, 0.5, 0.9, 0.95, 0.99, 1.0};

    @Test
    void shouldStayWithinRelativeErrorOfExactQuantiles() {
        Random random = new Random(42);
        for (int run = 0; run < 20; run++) {
            int n = 1 + random.nextInt(5_000);
            double[] values = new double[n];
            LogHistogramSketch sketch = new LogHistogramSketch();
            for (int i = 0; i < n; i++) {
                values[i] = Math.max(1.0, Math.exp(6 + 1.5 * random.nextGaussian()));
                sketch.add(values[i]);
            }
            Arrays.sort(values);
            for (double q : QUANTILES) {
                double exact = values[(int) Math.floor(q * (n - 1))];
                assertThat(sketch.quantile(q))
                        .as("run %d q %s", run, q)
                        .isCloseTo(exact, within(exact * LogHistogramSketch.RELATIVE_ACCURACY));
            }
        }
    }

    @Test
    void shouldMergeShuffledPartitionsIntoTheSameSketch() {
        Random random = new Random(3);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            values.add(random.nextDouble() < 0.05 ? 0.0 : Math.exp(4 + 2 * random.nextGaussian()));
        }
        LogHistogramSketch whole = new LogHistogramSketch();
        values.forEach(whole::add);

        Collections.shuffle(values, random);
        LogHistogramSketch[] parts = new LogHistogramSketch[7];
        for (int p = 0; p < parts.length; p++) {
            parts[p] = new LogHistogramSketch();
        }
        for (double value : values) {
            parts[random.nextInt(parts.length)].add(value);
        }
        LogHistogramSketch merged = new LogHistogramSketch();
        for (int p = parts.length - 1; p >= 0; p--) {
            merged.merge(parts[p]);
        }

        assertThat(merged.count).isEqualTo(whole.count);
        assertThat(merged.zeroCount).isEqualTo(whole.zeroCount);
        assertThat(merged.counts).isEqualTo(whole.counts);
        assertThat(merged.quantile(0.01)).isZero();
    }

    @Test
    void shouldReturnNaNWhenEmptyAndClampHugeValues() {
        LogHistogramSketch sketch = new LogHistogramSketch();
        assertThat(sketch.quantile(0.5)).isNaN();
        sketch.add(1e12);
        assertThat(sketch.quantile(0.5)).isGreaterThan(7e8).isLessThan(1e9);
    }

    @Test
    void shouldCopyIndependently() {
        LogHistogramSketch sketch = new LogHistogramSketch();
        sketch.add(100);
        LogHistogramSketch copy = sketch.copy();
        copy.add(100_000);
        assertThat(sketch.count).isEqualTo(1);
        assertThat(sketch.quantile(1.0)).isCloseTo(100, within(2.0));
    }
}
