package io.reelstream.benchmarks;

import io.reelstream.udfs.mf.MfHyperparameters;
import io.reelstream.udfs.mf.OnlineBprLearner;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Learner updates per second on one thread (= per core): one interaction = one call with the
 * configured number of sampled negatives plus the history replays (pairwise steps) on a 20-show
 * history of the member's cluster. 100,000 members, 10,000 titles, clustered interactions. The
 * 1-negative variant without replays is the in-run baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MfLearnerBenchmark {

    private static final int USERS = 100_000;
    private static final int ITEMS = 10_000;
    private static final int EVENTS = 1 << 20;
    private static final int CLUSTERS = 20;
    private static final int HISTORY = 20;

    @Param({"32"})
    public int k;

    private OnlineBprLearner learner;
    private OnlineBprLearner oneNegativeLearner;
    private int[] userRows;
    private int[] itemRows;
    private int[] clusterHistories;
    private int next;

    @Setup
    public void setUp() {
        MfHyperparameters hp = MfHyperparameters.defaults().withK(k);
        learner = populated(hp);
        oneNegativeLearner = populated(hp.withNegatives(1).withHistoryReplays(0));
        SplittableRandom random = new SplittableRandom(17);
        clusterHistories = new int[CLUSTERS * HISTORY];
        for (int h = 0; h < clusterHistories.length; h++) {
            int cluster = h / HISTORY;
            clusterHistories[h] = cluster * (ITEMS / CLUSTERS) + random.nextInt(ITEMS / CLUSTERS);
        }
        userRows = new int[EVENTS];
        itemRows = new int[EVENTS];
        for (int e = 0; e < EVENTS; e++) {
            int user = random.nextInt(USERS);
            int cluster = user % CLUSTERS;
            userRows[e] = user;
            itemRows[e] = cluster * (ITEMS / CLUSTERS) + random.nextInt(ITEMS / CLUSTERS);
        }
    }

    /**
     * The default learner: one interaction with {@code negativesPerUpdate} pairwise steps and
     * {@code historyReplays} steps on the member's history.
     */
    @Benchmark
    public int learnInteraction() {
        int e = next++ & (EVENTS - 1);
        int user = userRows[e];
        return learner.learnRows(
                user, itemRows[e], 1f, clusterHistories, (user % CLUSTERS) * HISTORY, HISTORY);
    }

    /** Baseline: the same learner with one negative per interaction and no history replays. */
    @Benchmark
    public int learnInteractionOneNegative() {
        int e = next++ & (EVENTS - 1);
        return oneNegativeLearner.learnRows(userRows[e], itemRows[e], 1f);
    }

    private static OnlineBprLearner populated(MfHyperparameters hp) {
        OnlineBprLearner learner = new OnlineBprLearner(hp, USERS, ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            learner.itemRow("t" + i);
        }
        for (int u = 0; u < USERS; u++) {
            learner.userRow("m" + u);
        }
        return learner;
    }
}
