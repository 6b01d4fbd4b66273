package io.reelstream.benchmarks;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code reelstream bench mf}: JMH benchmarks of the online MF learner (updates/s on one core, k =
 * 32) and of top-N over 10,000 titles (µs per member), each with a baseline measured in the same
 * run, compared with the targets of the recommendation issue.
 */
@Command(
        name = "mf",
        mixinStandardHelpOptions = true,
        description = "Benchmarks the MF learner and top-N selection with JMH.")
public final class MfBenchCommand implements Callable<Integer> {

    static final double TARGET_UPDATES_PER_S = 100_000;
    static final double TARGET_TOP_N_MICROS = 50;
    static final double TARGET_RANKER_MICROS = 200;

    @Spec CommandSpec spec;

    @Option(names = "--forks", defaultValue = "1", description = "JMH forks (0 = in this JVM).")
    int forks;

    @Option(names = "--iterations", defaultValue = "5", description = "Measurement iterations.")
    int iterations;

    @Option(names = "--warmups", defaultValue = "3", description = "Warm-up iterations.")
    int warmups;

    @Option(names = "--seconds", defaultValue = "2", description = "Seconds per iteration.")
    int seconds;

    /** Runs the command on its own (the {@code reelstream} command also registers it). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new MfBenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws RunnerException {
        PrintWriter out = spec.commandLine().getOut();
        ChainedOptionsBuilder options =
                new OptionsBuilder()
                        .include(MfLearnerBenchmark.class.getName())
                        .include(TopNBenchmark.class.getName())
                        .include(RankerBenchmark.class.getName())
                        .forks(forks)
                        .warmupIterations(warmups)
                        .measurementIterations(iterations)
                        .warmupTime(TimeValue.seconds(seconds))
                        .measurementTime(TimeValue.seconds(seconds))
                        .threads(1)
                        .verbosity(VerboseMode.NORMAL)
                        .jvmArgsAppend("-Xmx2g", "--add-modules", "jdk.incubator.vector");
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Double> scores = new HashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            scores.put(
                    name.substring(name.lastIndexOf('.') + 1),
                    result.getPrimaryResult().getScore());
        }
        double updates = scores.getOrDefault("learnInteraction", 0.0);
        double updatesOneNeg = scores.getOrDefault("learnInteractionOneNegative", 0.0);
        double heap = scores.getOrDefault("heapTopN", Double.NaN);
        double sort = scores.getOrDefault("sortTopN", Double.NaN);
        out.printf(
                Locale.ROOT,
                "learner k=32: %.0f updates/s per core (target >= %.0f: %s); 1-negative baseline"
                        + " %.0f updates/s, ratio %.2f%n",
                updates,
                TARGET_UPDATES_PER_S,
                updates >= TARGET_UPDATES_PER_S ? "met" : "MISSED",
                updatesOneNeg,
                updatesOneNeg == 0 ? 0 : updates / updatesOneNeg);
        out.printf(
                Locale.ROOT,
                "top-50 of 10000 titles k=32: %.1f us per member (target <= %.0f: %s); full-sort"
                        + " baseline %.1f us, speed-up %.2fx%n",
                heap,
                TARGET_TOP_N_MICROS,
                heap <= TARGET_TOP_N_MICROS ? "met" : "MISSED",
                sort,
                sort / heap);
        double java = scores.getOrDefault("rankInJava", Double.NaN);
        double jni = scores.getOrDefault("rankWithXgboost", Double.NaN);
        out.printf(
                Locale.ROOT,
                "ranker, %d candidates, 100 trees depth 4: %.1f us per member (target <= %.0f: %s);"
                        + " XGBoost JNI predict baseline %.1f us, speed-up %.2fx%n",
                RankerBenchmark.CANDIDATES,
                java,
                TARGET_RANKER_MICROS,
                java <= TARGET_RANKER_MICROS ? "met" : "MISSED",
                jni,
                jni / java);
        out.flush();
        return 0;
    }
}
