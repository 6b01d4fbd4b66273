package io.reelstream.benchmarks;

import io.reelstream.engine.DurationConverter;
import io.reelstream.engine.LocalFlinkCluster;
import io.reelstream.pipelines.continuewatching.ContinueWatchingJob;
import io.reelstream.pipelines.continuewatching.ContinueWatchingOptions;
import io.reelstream.pipelines.features.SessionFeaturesJob;
import io.reelstream.pipelines.features.SessionFeaturesOptions;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.udfs.ingest.IngestOptions;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code reelstream bench state-growth}: whether keyed state stays bounded with ever more distinct
 * members over days of event time. Runs the real session-features and continue-watching job graphs
 * on an in-process MiniCluster (RocksDB, incremental checkpoints, the local cluster configuration)
 * fed by generated playback records ({@link StateGrowthSchedule}) instead of Kafka, with discarding
 * sinks instead of Cassandra, and samples each completed checkpoint's size, the jobs' watermark and
 * RocksDB's per-state key estimates. Expected: state grows for the longest retention of event time
 * (7-day windows), then stays flat while the members seen keep growing.
 */
@Command(
        name = "state-growth",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "State size of the session-features and continue-watching jobs over days of event time"
                    + " with ever more distinct members (in-process sources, RocksDB).",
            "The last line is: state_growth members_seen=<n> plateau_state_bytes=<b>"
                    + " peak_state_bytes=<b> last_over_peak=<r> plateau_growth=<g> ..."
        })
public final class StateGrowthBenchCommand implements Callable<Integer> {

    static final String FEATURES = "session-features";
    static final String CONTINUE_WATCHING = "continue-watching";
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    /** Event time generated past the span, so the run stops before the sources run dry. */
    private static final long TAIL_MS = Duration.ofHours(12).toMillis();

    @Spec CommandSpec spec;

    @Option(
            names = "--members",
            defaultValue = "300000",
            description =
                    "Members whose session starts within --days (default: ${DEFAULT-VALUE}, about"
                            + " 10 minutes on 2 shared cores; millions take proportionally longer).")
    long members;

    @Option(
            names = "--events-per-member",
            defaultValue = "2",
            description =
                    "Playback events per member: start, heartbeats, stop (default:"
                            + " ${DEFAULT-VALUE}).")
    int eventsPerMember;

    @Option(
            names = "--days",
            defaultValue = "12",
            description =
                    "Event-time days the sessions are spread over (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(
            names = "--spacing",
            defaultValue = "5m",
            converter = DurationConverter.class,
            description = "Event time between two events of a member (default: ${DEFAULT-VALUE}).")
    Duration spacing;

    @Option(names = "--titles", defaultValue = "5000", description = "Distinct titles.")
    int titles;

    @Option(
            names = "--continue-watching-max-age",
            defaultValue = "3d",
            converter = DurationConverter.class,
            description =
                    "reelstream.continue-watching.max-age of the run (production: 90 days); shorter so the"
                            + " run passes it (default: ${DEFAULT-VALUE}).")
    Duration continueWatchingMaxAge;

    @Option(
            names = "--plateau-from",
            defaultValue = "8",
            description =
                    "Event day after which state must no longer grow: past the longest retention"
                            + " (7-day windows) plus slack (default: ${DEFAULT-VALUE}).")
    double plateauFrom;

    @Option(
            names = "--jobs",
            split = ",",
            defaultValue = FEATURES + "," + CONTINUE_WATCHING,
            description = "Jobs to run (default: ${DEFAULT-VALUE}).")
    List<String> jobs;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "20s",
            converter = DurationConverter.class,
            description = "Checkpoint interval (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(
            names = "--timeout",
            defaultValue = "40m",
            converter = DurationConverter.class,
            description = "Stop (and report what was measured) after this long.")
    Duration timeout;

    @Option(
            names = "--data-dir",
            defaultValue = "${sys:reelstream.root:-.}/.reelstream/state-growth",
            description = "Data folder (must not exist or be empty; default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Mixin LocalFlinkOptions flink;

    private PrintWriter out;

    /** Runs the command on its own (the {@code reelstream} command also registers it). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new StateGrowthBenchCommand()).execute(args));
    }

    /** A submitted job and what is sampled from it. */
    private record RunningJob(
            String name,
            String id,
            JobClient client,
            String watermarkVertex,
            Map<String, String> vertices,
            StateGrowthSummary summary) {}

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        requireEmpty(dataDir);
        long spanMs = days * DAY_MS;
        // all event times in the past (the decoders reject event times ahead of the wall clock)
        long startMs =
                System.currentTimeMillis() - spanMs - TAIL_MS - Duration.ofHours(1).toMillis();
        StateGrowthSchedule schedule =
                new StateGrowthSchedule(
                        members,
                        eventsPerMember,
                        startMs,
                        spanMs,
                        spacing.toMillis(),
                        TAIL_MS,
                        flink.parallelism());
        print(
                "bench state-growth: %d members over %d days, %d events each %s apart (%d playback"
                        + " records), %d titles, parallelism %d, RocksDB, checkpoints every %s,"
                        + " jobs %s, continue-watching max age %s",
                members,
                days,
                eventsPerMember,
                spacing,
                schedule.events(),
                titles,
                flink.parallelism(),
                checkpointInterval,
                jobs,
                continueWatchingMaxAge);
        Configuration conf = clusterConfiguration();
        MiniCluster cluster = startCluster(conf);
        List<JobClient> clients = new ArrayList<>();
        try {
            URI rest = cluster.getRestAddress().get(60, TimeUnit.SECONDS);
            print("dashboard %s", rest);
            StateGrowthProbe probe = new StateGrowthProbe(rest);
            List<RunningJob> running = new ArrayList<>();
            for (String job : jobs) {
                JobClient client = submit(rest, conf, job, schedule);
                clients.add(client);
                running.add(awaitRunning(probe, job, client));
            }
            sample(probe, running, schedule);
            report(running, schedule);
        } finally {
            for (JobClient client : clients) {
                try {
                    if (!client.getJobStatus()
                            .get(30, TimeUnit.SECONDS)
                            .isGloballyTerminalState()) {
                        client.cancel().get(60, TimeUnit.SECONDS);
                    }
                } catch (Exception e) {
                    print("job %s did not cancel cleanly: %s", client.getJobID(), e);
                }
            }
            cluster.closeAsync().get(120, TimeUnit.SECONDS);
        }
        return 0;
    }

    private void requireEmpty(Path dir) throws Exception {
        BenchDirectories.requireEmpty(spec.commandLine(), dir);
    }

    private Configuration clusterConfiguration() throws Exception {
        Configuration conf = LocalFlinkCluster.configuration(flink.flinkConf(), dataDir, 0);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        // one slot per subtask of each job, each with a fair share of RocksDB's managed memory
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, flink.parallelism() * jobs.size());
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("1g"));
        // no metric reporter (its fixed port may be taken by a running engine): REST is enough
        conf.removeKey("metrics.reporters");
        for (String metric :
                List.of(
                        StateGrowthProbe.KEYS_METRIC,
                        StateGrowthProbe.LIVE_BYTES_METRIC,
                        "total-sst-files-size")) {
            conf.set(
                    ConfigOptions.key("state.backend.rocksdb.metrics." + metric)
                            .booleanType()
                            .noDefaultValue(),
                    true);
        }
        // a generated stream never pauses: no idleness, so a finished side input (catalog,
        // searches) can never carry the watermark to the end of time
        conf.set(IngestOptions.IDLENESS, Duration.ZERO);
        conf.set(ContinueWatchingOptions.MAX_AGE, continueWatchingMaxAge);
        return conf;
    }

    private static MiniCluster startCluster(Configuration conf) throws Exception {
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(
                                        conf.get(TaskManagerOptions.NUM_TASK_SLOTS))
                                .build());
        cluster.start();
        return cluster;
    }

    private JobClient submit(URI rest, Configuration conf, String job, StateGrowthSchedule schedule)
            throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createRemoteEnvironment(
                        rest.getHost(), rest.getPort(), conf);
        env.setParallelism(flink.parallelism());
        long catalogAt = schedule.startMs() - DAY_MS;
        switch (job) {
            case FEATURES ->
                    new SessionFeaturesJob(
                                    SessionFeaturesOptions.from(conf),
                                    new SessionFeaturesJob.Sources(
                                            playback(schedule),
                                            source(
                                                    new StateGrowthRecords.Searches(
                                                            schedule.startMs()),
                                                    flink.parallelism()),
                                            source(
                                                    new StateGrowthRecords.Catalog(
                                                            titles, catalogAt),
                                                    roundUp(titles))),
                                    new SessionFeaturesJob.Sinks(
                                            new DiscardingSink<>(),
                                            new DiscardingSink<>(),
                                            new DiscardingSink<>()))
                            .build(env);
            case CONTINUE_WATCHING ->
                    new ContinueWatchingJob(
                                    ContinueWatchingOptions.from(conf),
                                    new ContinueWatchingJob.Sources(
                                            playback(schedule),
                                            source(
                                                    new StateGrowthRecords.Catalog(
                                                            titles, catalogAt),
                                                    roundUp(titles))),
                                    new ContinueWatchingJob.Sinks(
                                            new DiscardingSink<>(), new DiscardingSink<>()))
                            .build(env);
            default ->
                    throw new CommandLine.ParameterException(
                            spec.commandLine(),
                            "unknown job "
                                    + job
                                    + " ("
                                    + FEATURES
                                    + ", "
                                    + CONTINUE_WATCHING
                                    + ")");
        }
        return env.executeAsync("state growth " + job);
    }

    private DataGeneratorSource<RawRecord> playback(StateGrowthSchedule schedule) {
        return source(
                new StateGrowthRecords.Playback(schedule, spacing.toMillis(), titles),
                schedule.events());
    }

    private static DataGeneratorSource<RawRecord> source(
            GeneratorFunction<Long, RawRecord> records, long count) {
        return new DataGeneratorSource<>(records, count, TypeInformation.of(RawRecord.class));
    }

    /** Counts a multiple of the parallelism: every split of a generator source is non-empty. */
    private long roundUp(long count) {
        return (count + flink.parallelism() - 1) / flink.parallelism() * flink.parallelism();
    }

    private RunningJob awaitRunning(StateGrowthProbe probe, String job, JobClient client)
            throws Exception {
        String id = client.getJobID().toString();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!"RUNNING".equals(probe.state(id))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(job + " not running after 2 min");
            }
            Thread.sleep(500);
        }
        Map<String, String> vertices = probe.vertices(id);
        String keyed = job.equals(FEATURES) ? "sliced user windows" : "continue watching rows";
        String watermarkVertex = null;
        for (Map.Entry<String, String> v : vertices.entrySet()) {
            if (v.getKey().contains(keyed)) {
                watermarkVertex = v.getValue();
            }
        }
        if (watermarkVertex == null) {
            throw new IllegalStateException("no vertex '" + keyed + "' in " + vertices.keySet());
        }
        return new RunningJob(
                job, id, client, watermarkVertex, vertices, new StateGrowthSummary(plateauFrom));
    }

    /**
     * Samples every new completed checkpoint until every job's watermark passes the span (samples
     * past the generated tail, after the source ran dry, are not taken: the end of input fires
     * every timer at once).
     */
    private void sample(StateGrowthProbe probe, List<RunningJob> running, StateGrowthSchedule s)
            throws Exception {
        long started = System.nanoTime();
        Map<String, Long> lastCheckpoint = new LinkedHashMap<>();
        Map<String, Long> watermarks = new LinkedHashMap<>();
        Set<String> done = new HashSet<>();
        while (done.size() < running.size()) {
            for (RunningJob job : running) {
                if (done.contains(job.name())) {
                    continue;
                }
                String state = probe.state(job.id());
                if ("FINISHED".equals(state)) {
                    done.add(job.name()); // the source ran dry: nothing more to sample
                    continue;
                }
                if (!"RUNNING".equals(state)) {
                    throw new IllegalStateException(job.name() + " is " + state);
                }
                long watermark = probe.inputWatermark(job.id(), job.watermarkVertex());
                watermarks.put(job.name(), watermark);
                boolean inRange = watermark > s.startMs() && watermark < s.endMs() + TAIL_MS;
                StateGrowthProbe.Checkpoint cp = probe.latestCheckpoint(job.id(), job.vertices());
                if (cp.id() > lastCheckpoint.getOrDefault(job.name(), -1L) && inRange) {
                    lastCheckpoint.put(job.name(), cp.id());
                    record(probe, job, cp, watermark, s, started);
                }
                boolean sampledEnd =
                        !job.summary().isEmpty() && job.summary().last().eventDay() >= days;
                if (sampledEnd || watermark >= s.endMs() + TAIL_MS) {
                    // done: stop it now, so the jobs still running get the whole machine
                    done.add(job.name());
                    job.client().cancel().get(60, TimeUnit.SECONDS);
                    print("job=%s done at wall_s=%.0f", job.name(), seconds(started));
                }
            }
            if (System.nanoTime() - started > timeout.toNanos()) {
                print(
                        "timeout after %s: watermarks %s; the report covers what was sampled",
                        timeout, watermarks);
                return;
            }
            Thread.sleep(2_000);
        }
    }

    private void record(
            StateGrowthProbe probe,
            RunningJob job,
            StateGrowthProbe.Checkpoint cp,
            long watermark,
            StateGrowthSchedule s,
            long started)
            throws Exception {
        Map<String, Long> keys =
                probe.metricsEndingWith(job.id(), job.vertices(), StateGrowthProbe.KEYS_METRIC);
        Map<String, Long> live =
                probe.metricsEndingWith(
                        job.id(), job.vertices(), StateGrowthProbe.LIVE_BYTES_METRIC);
        double day = (watermark - s.startMs()) / (double) DAY_MS;
        StateGrowthSummary.Sample sample =
                new StateGrowthSummary.Sample(
                        day,
                        s.membersSeenBy(watermark),
                        cp.id(),
                        cp.stateBytes(),
                        StateGrowthProbe.sum(keys),
                        StateGrowthProbe.sum(live),
                        keys,
                        cp.bytesByVertex());
        job.summary().add(sample);
        print(
                "event_day=%.2f members_seen=%d job=%s checkpoint=%d state_bytes=%d keys=%d"
                        + " live_bytes=%d checkpoint_ms=%d failed_checkpoints=%d wall_s=%.0f%s",
                day,
                sample.membersSeen(),
                job.name(),
                cp.id(),
                cp.stateBytes(),
                sample.keys(),
                sample.liveBytes(),
                cp.durationMs(),
                cp.failed(),
                seconds(started),
                vertexBytes(cp.bytesByVertex()));
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Non-empty vertex state sizes, e.g. {@code [drop_duplicate_playback=123 ...]}. */
    private static String vertexBytes(Map<String, Long> bytesByVertex) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Long> e : bytesByVertex.entrySet()) {
            if (e.getValue() > 0) {
                b.append(' ').append(shortName(e.getKey())).append('=').append(e.getValue());
            }
        }
        return b.toString();
    }

    /** First operator of a chained vertex name, without spaces. */
    static String shortName(String vertexName) {
        int arrow = vertexName.indexOf(" -> ");
        String first = arrow < 0 ? vertexName : vertexName.substring(0, arrow);
        return first.trim().replaceAll("[^A-Za-z0-9]+", "_");
    }

    private void report(List<RunningJob> running, StateGrowthSchedule s) {
        long plateau = 0;
        long peak = 0;
        long last = 0;
        double firstHalf = 0;
        double secondHalf = 0;
        long membersAtPlateau = Long.MAX_VALUE;
        long membersSeen = 0;
        double lastDay = Double.MAX_VALUE;
        boolean reached = true;
        for (RunningJob job : running) {
            StateGrowthSummary summary = job.summary();
            if (summary.isEmpty()) {
                print("job=%s no completed checkpoint sampled", job.name());
                reached = false;
                continue;
            }
            StateGrowthSummary.Sample lastSample = summary.last();
            StateGrowthSummary.Sample start = summary.plateauStart();
            reportStates(job.name(), start, lastSample);
            print(
                    "job=%s samples=%d peak_state_bytes=%d peak_day=%.2f plateau_state_bytes=%d"
                            + " plateau_growth=%s keys_growth_in_plateau=%s last_state_bytes=%d"
                            + " last_over_peak=%.3f last_day=%.2f",
                    job.name(),
                    summary.samples().size(),
                    summary.peak().stateBytes(),
                    summary.peak().eventDay(),
                    summary.plateauBytes(),
                    percent(summary.plateauGrowth(StateGrowthSummary.Sample::stateBytes)),
                    percent(summary.plateauGrowth(StateGrowthSummary.Sample::keys)),
                    lastSample.stateBytes(),
                    summary.lastOverPeak(),
                    lastSample.eventDay());
            double[] halves = summary.plateauHalves(StateGrowthSummary.Sample::stateBytes);
            reached &= halves != null;
            plateau += summary.plateauBytes();
            if (halves != null) {
                firstHalf += halves[0];
                secondHalf += halves[1];
                membersAtPlateau = Math.min(membersAtPlateau, start.membersSeen());
            }
            peak += summary.peak().stateBytes();
            last += lastSample.stateBytes();
            membersSeen = Math.max(membersSeen, lastSample.membersSeen());
            lastDay = Math.min(lastDay, lastSample.eventDay());
        }
        print(
                "state_growth members_seen=%d members_at_plateau_start=%s event_days=%.2f"
                        + " events_per_member=%d plateau_state_bytes=%s peak_state_bytes=%d"
                        + " last_state_bytes=%d last_over_peak=%.3f plateau_growth=%s",
                membersSeen,
                reached ? Long.toString(membersAtPlateau) : "n/a",
                lastDay == Double.MAX_VALUE ? 0 : lastDay,
                s.eventsPerMember(),
                reached ? Long.toString(plateau) : "not_reached",
                peak,
                last,
                last / (double) Math.max(1, peak),
                reached ? percent(secondHalf / firstHalf - 1) : "n/a");
    }

    /** Per-state (RocksDB column family) key estimates at the plateau's start and at the end. */
    private void reportStates(
            String job, StateGrowthSummary.Sample start, StateGrowthSummary.Sample last) {
        for (Map.Entry<String, Long> state : last.keysByState().entrySet()) {
            Long before = start == null ? null : start.keysByState().get(state.getKey());
            print(
                    "state job=%s name=%s keys_at_plateau_start=%s keys_last=%d",
                    job,
                    state.getKey(),
                    before == null ? "n/a" : before.toString(),
                    state.getValue());
        }
    }

    private static String percent(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%+.1f%%", 100 * ratio);
    }

    private void print(String format, Object... args) {
        out.printf(Locale.ROOT, format + "%n", args);
        out.flush();
    }
}
