package io.reelstream.benchmarks;

import io.reelstream.udfs.mf.FactorMatrix;
import io.reelstream.udfs.mf.TopNSelector;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Top-50 over 10,000 titles (k = 32) for one member, as the user side recomputes it: the
 * allocation-free partial heap against the in-run baseline of scoring into a fresh array and fully
 * sorting it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TopNBenchmark {

    private static final int MEMBERS = 256;
    private static final int N = 50;

    @Param({"10000"})
    public int titles;

    @Param({"32"})
    public int k;

    private FactorMatrix items;
    private float[] members;
    private TopNSelector selector;
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(23);
        items = new FactorMatrix(k, titles);
        float[] v = new float[k];
        for (int t = 0; t < titles; t++) {
            for (int f = 0; f < k; f++) {
                v[f] = (float) (random.nextDouble() * 2 - 1);
            }
            items.put("t" + t, v, (float) random.nextDouble() * 0.1f);
        }
        members = new float[MEMBERS * k];
        for (int i = 0; i < members.length; i++) {
            members[i] = (float) (random.nextDouble() * 2 - 1);
        }
        selector = new TopNSelector(N);
        for (int x = 0; x < 20; x++) {
            selector.exclude(random.nextInt(titles)); // a member's watched titles
        }
    }

    @Benchmark
    public int heapTopN() {
        int member = next++ & (MEMBERS - 1);
        selector.select(members, member * k, items, N);
        return selector.row(0);
    }

    /** Baseline: score every title into a new array of (score, row) and sort it fully. */
    @Benchmark
    public long sortTopN() {
        int member = next++ & (MEMBERS - 1);
        float[] factors = items.factors();
        long[] keyed = new long[titles];
        for (int t = 0; t < titles; t++) {
            float score = items.bias(t);
            for (int f = 0; f < k; f++) {
                score += members[member * k + f] * factors[t * k + f];
            }
            keyed[t] = ((long) Float.floatToIntBits(-score) << 32) | t; // fine for ordering demo
        }
        Arrays.sort(keyed);
        return keyed[N - 1];
    }
}
