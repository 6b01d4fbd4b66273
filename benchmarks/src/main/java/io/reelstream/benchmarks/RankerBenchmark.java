package io.reelstream.benchmarks;

import io.reelstream.training.RankerTrainingParams;
import io.reelstream.training.XgboostRankerTrainer;
import io.reelstream.udfs.mf.TopNSelector;
import io.reelstream.udfs.ranker.GbdtModel;
import io.reelstream.udfs.ranker.RankerFeatures;
import io.reelstream.udfs.ranker.RankingExamples;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The ranker's cost per member: score 200 candidates with the default model (100 trees of depth 4,
 * trained by XGBoost on random decisions) in plain Java ({@link GbdtModel}) and take the top 10, as
 * the ranking operator does; the in-run baseline is XGBoost's own JNI predict on the same rows.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RankerBenchmark {

    static final int CANDIDATES = 200;
    private static final int W = RankerFeatures.COUNT;

    private GbdtModel model;
    private Booster booster;
    private float[] candidates;
    private float[] scores;
    private int[] rows;
    private TopNSelector top;

    @Setup
    public void setUp() throws Exception {
        SplittableRandom random = new SplittableRandom(29);
        RankingExamples examples = new RankingExamples(W);
        for (int g = 0; g < 500; g++) {
            examples.beginGroup(g);
            int positive = random.nextInt(40);
            for (int c = 0; c < 40; c++) {
                float[] row = randomRow(random);
                examples.add(row, 0, c == positive ? 1f : 0f);
            }
        }
        byte[] json = new XgboostRankerTrainer(RankerTrainingParams.defaults()).trainJson(examples);
        model = GbdtModel.fromXgboostJson("bench", json);
        booster = XGBoost.loadModel(json);
        candidates = new float[CANDIDATES * W];
        for (int c = 0; c < CANDIDATES; c++) {
            System.arraycopy(randomRow(random), 0, candidates, c * W, W);
        }
        scores = new float[CANDIDATES];
        rows = new int[CANDIDATES];
        for (int c = 0; c < CANDIDATES; c++) {
            rows[c] = c;
        }
        top = new TopNSelector(10);
    }

    @TearDown
    public void tearDown() {
        booster.dispose();
    }

    /** Plain-Java trees, then the top 10: what one member's decision costs the job. */
    @Benchmark
    public int rankInJava() {
        model.scoreAll(candidates, CANDIDATES, W, scores);
        top.selectRows(rows, scores, CANDIDATES, 10);
        return top.row(0);
    }

    /** The same trees walked candidate by candidate (one row at a time, branching). */
    @Benchmark
    public int rankInJavaRowByRow() {
        for (int c = 0; c < CANDIDATES; c++) {
            scores[c] = model.score(candidates, c * W);
        }
        top.selectRows(rows, scores, CANDIDATES, 10);
        return top.row(0);
    }

    /** Baseline: XGBoost's predict through JNI (a DMatrix per call), then the top 10. */
    @Benchmark
    public int rankWithXgboost() throws XGBoostError {
        DMatrix matrix = new DMatrix(candidates, CANDIDATES, W, Float.NaN);
        try {
            float[][] margins = booster.predict(matrix, true);
            for (int c = 0; c < CANDIDATES; c++) {
                scores[c] = margins[c][0];
            }
        } finally {
            matrix.dispose();
        }
        top.selectRows(rows, scores, CANDIDATES, 10);
        return top.row(0);
    }

    /** A random candidate with one missing value in ten, as logged features have. */
    private static float[] randomRow(SplittableRandom random) {
        float[] row = new float[W];
        for (int f = 0; f < W; f++) {
            row[f] = random.nextInt(10) == 0 ? Float.NaN : (float) random.nextDouble();
        }
        return row;
    }
}
