package io.reelstream.benchmarks;

import io.reelstream.benchmarks.BuiltinWindowsBaseline.ActivityTime;
import io.reelstream.benchmarks.BuiltinWindowsBaseline.Contribution;
import io.reelstream.benchmarks.BuiltinWindowsBaseline.ContributionAggregate;
import io.reelstream.benchmarks.BuiltinWindowsBaseline.ContributionUser;
import io.reelstream.benchmarks.BuiltinWindowsBaseline.PassThrough;
import io.reelstream.benchmarks.BuiltinWindowsBaseline.WatchContributions;
import io.reelstream.schemas.features.UserFeatureVector;
import io.reelstream.udfs.features.FeatureKeys;
import io.reelstream.udfs.features.SliceAccumulator;
import io.reelstream.udfs.features.TitleGenres;
import io.reelstream.udfs.features.UserActivity;
import io.reelstream.udfs.features.UserSessionFeatureFunction;
import io.reelstream.udfs.windows.SlicedWindow;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code reelstream bench windows}: the user_session window features computed by our sliced
 * function vs Flink's built-in SlidingEventTimeWindows (1 minute slide) with aggregate functions,
 * and vs a keyed pass-through job; same events, RocksDB, same run. Only ratios are meaningful.
 */
@Command(
        name = "windows",
        mixinStandardHelpOptions = true,
        description = "Sliced windows vs built-in sliding windows vs pass-through (RocksDB).")
public final class WindowsBenchCommand implements Callable<Integer> {

    static final double TARGET_VS_BUILTIN = 20;
    static final double TARGET_VS_PASS_THROUGH = 0.4;
    static final Duration SLIDE = Duration.ofMinutes(1);

    @Spec CommandSpec spec;

    @Option(
            names = "--events",
            defaultValue = "200",
            description =
                    "Events of the sliced vs built-in comparison (the built-in job does about"
                            + " 11,600 window updates per event: keep it small).")
    int events;

    @Option(
            names = "--pass-through-events",
            defaultValue = "30000",
            description = "Events of the sliced vs pass-through comparison.")
    int passThroughEvents;

    @Option(names = "--users", defaultValue = "100", description = "Distinct users.")
    int users;

    @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism.")
    int parallelism;

    @Option(names = "--seed", defaultValue = "7", description = "Traffic seed.")
    long seed;

    /** Runs the command on its own (the {@code reelstream} command also registers it). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new WindowsBenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path tmp = Files.createTempDirectory("reelstream-bench-windows");
        List<UserActivity> small = WindowsBenchEvents.generate(events, users, seed);
        List<UserActivity> large = WindowsBenchEvents.generate(passThroughEvents, users, seed);
        out.printf(
                Locale.ROOT,
                "bench windows: RocksDB, parallelism %d, %d users, slide %s for the built-in%n",
                parallelism,
                users,
                SLIDE);
        out.flush();

        double passLarge = run(out, "pass-through", large, tmp, Mode.PASS_THROUGH);
        double slicedLarge = run(out, "sliced", large, tmp, Mode.SLICED);
        double slicedSmall = run(out, "sliced", small, tmp, Mode.SLICED);
        double builtinSmall = run(out, "built-in sliding", small, tmp, Mode.BUILTIN);

        StateSizes.Sliced sliced = StateSizes.sliced(small, WindowsBenchEvents.MAX_DISORDER_MS);
        long builtinWindows =
                StateSizes.builtinWindows(
                        small, WindowsBenchEvents.MAX_DISORDER_MS, SLIDE.toMillis());
        out.printf(
                Locale.ROOT,
                "state_at_end_of_input sliced: %d entries (%d slices), %d bytes serialized, %d timers%n",
                sliced.entries(),
                sliced.slices(),
                sliced.bytes(),
                sliced.timers());
        out.printf(
                Locale.ROOT,
                "state_at_end_of_input built-in: %d window accumulators, >= %d bytes serialized,"
                        + " %d timers%n",
                builtinWindows,
                builtinWindows * sliced.meanSliceBytes(),
                builtinWindows);
        double vsPass = slicedLarge / passLarge;
        double vsBuiltin = slicedSmall / builtinSmall;
        out.printf(
                Locale.ROOT,
                "sliced_vs_passthrough_throughput_ratio=%.3f (target >= %.1f, %d events)%n",
                vsPass,
                TARGET_VS_PASS_THROUGH,
                large.size());
        out.printf(
                Locale.ROOT,
                "state_entries_builtin_vs_sliced=%.1f%n",
                builtinWindows / (double) Math.max(1, sliced.entries()));
        out.printf(Locale.ROOT, "sliced_vs_builtin_throughput_ratio=%.1f%n", vsBuiltin);
        out.flush();
        return vsBuiltin >= TARGET_VS_BUILTIN && vsPass >= TARGET_VS_PASS_THROUGH ? 0 : 1;
    }

    private enum Mode {
        PASS_THROUGH,
        SLICED,
        BUILTIN
    }

    private double run(PrintWriter out, String name, List<UserActivity> input, Path tmp, Mode mode)
            throws Exception {
        StreamExecutionEnvironment env = environment(tmp);
        DataStream<UserActivity> activities =
                env.fromData(input, TypeInformation.of(UserActivity.class))
                        .name("bench events")
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<UserActivity>forBoundedOutOfOrderness(
                                                Duration.ofMillis(
                                                        WindowsBenchEvents.MAX_DISORDER_MS))
                                        .withTimestampAssigner(new ActivityTime()))
                        .name("watermarks");
        KeyedStream<UserActivity, String> byUser =
                activities.keyBy(new FeatureKeys.ActivityByMember());
        switch (mode) {
            case PASS_THROUGH ->
                    byUser.process(new PassThrough(), TypeInformation.of(UserActivity.class))
                            .name("pass through")
                            .sinkTo(new DiscardingSink<>());
            case SLICED ->
                    byUser.connect(
                                    env.fromData(catalog(), TypeInformation.of(TitleGenres.class))
                                            .name("catalog")
                                            .broadcast(UserSessionFeatureFunction.CATALOG))
                            .process(
                                    new UserSessionFeatureFunction(
                                            Duration.ofMinutes(5).toMillis(), 1000),
                                    TypeInformation.of(UserFeatureVector.class))
                            .name("sliced user windows")
                            .sinkTo(new DiscardingSink<>());
            case BUILTIN -> {
                KeyedStream<Contribution, String> contributions =
                        byUser.process(
                                        new WatchContributions(),
                                        TypeInformation.of(Contribution.class))
                                .name("watch contributions")
                                .keyBy(new ContributionUser());
                for (SlicedWindow w :
                        io.reelstream.udfs.features.model.UserSessionFeatureSet.WINDOWS) {
                    contributions
                            .window(
                                    SlidingEventTimeWindows.of(
                                            Duration.ofMillis(w.sizeMs()), SLIDE))
                            .aggregate(
                                    new ContributionAggregate(),
                                    TypeInformation.of(SliceAccumulator.class),
                                    TypeInformation.of(SliceAccumulator.class))
                            .name("built-in sliding " + w.name())
                            .sinkTo(new DiscardingSink<>());
                }
            }
        }
        long millis = env.execute("bench windows " + name).getNetRuntime(TimeUnit.MILLISECONDS);
        double perSecond = input.size() / (millis / 1000.0);
        out.printf(
                Locale.ROOT,
                "%-17s %,9d events in %,8d ms: %,12.0f events/s%n",
                name,
                input.size(),
                millis,
                perSecond);
        out.flush();
        return perSecond;
    }

    private StreamExecutionEnvironment environment(Path tmp) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("256m"));
        conf.set(CoreOptions.TMP_DIRS, tmp.toString());
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }

    private static List<TitleGenres> catalog() {
        String[] genres = {"drama", "comedy", "kids", "documentary", "action", "thriller"};
        List<TitleGenres> titles = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            titles.add(
                    new TitleGenres(
                            "title-" + i,
                            new String[] {genres[i % genres.length], genres[(i / 6) % 6]},
                            1L));
        }
        return titles;
    }
}
