package io.reelstream.benchmarks;

import io.reelstream.engine.DurationConverter;
import io.reelstream.localstack.CassandraNode;
import io.reelstream.localstack.schema.SchemaMigrator;
import io.reelstream.schemas.deadletter.Rejection;
import io.reelstream.serving.ReadLatency;
import io.reelstream.serving.ReadLatencyBenchmark;
import io.reelstream.serving.ServingClient;
import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.cassandra.CassandraSessions;
import io.reelstream.udfs.cassandra.CassandraSettings;
import io.reelstream.udfs.cassandra.CassandraSink;
import io.reelstream.udfs.cassandra.CassandraTable;
import io.reelstream.udfs.cassandra.CqlBindTypes;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.executiongraph.ArchivedExecutionGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.data.CqlVector;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code reelstream bench sink}: writes the same N user-feature rows through the Flink {@link
 * CassandraSink} (MiniCluster job) and through the raw driver at its best concurrency (a sweep), in
 * the same run against the same node, then measures serving read latency (p50 / p99). Only the
 * ratio is meaningful on a shared machine; the last line is {@code sink_vs_driver_ratio=<x>}.
 */
@Command(
        name = "sink",
        mixinStandardHelpOptions = true,
        description = {
            "Flink Cassandra sink vs raw driver throughput, same rows, same node, same run;"
                    + " then serving read latency.",
            "The last line is: sink_vs_driver_ratio=<x>"
        })
public final class SinkBenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    private ProcessCpu cpu = new ProcessCpu(-1);

    @Option(names = "--rows", defaultValue = "100000", description = "Rows per pass.")
    int rows;

    @Option(
            names = "--cassandra",
            description = "host:port of a running node (default: start a node for the bench).")
    String contactPoint;

    @Option(names = "--datacenter", defaultValue = "datacenter1", description = "Local DC.")
    String datacenter;

    @Option(names = "--keyspace", defaultValue = "bench_sink", description = "Bench keyspace.")
    String keyspace;

    @Option(
            names = "--data-dir",
            defaultValue = ".reelstream/bench-cassandra",
            description = "Data folder of the node started for the bench.")
    Path dataDir;

    @Option(
            names = "--concurrency",
            split = ",",
            defaultValue = "64,256,512,1024",
            description = "Raw-driver in-flight levels to sweep (best one is the baseline).")
    List<Integer> concurrency;

    @Option(names = "--parallelism", defaultValue = "2", description = "Sink parallelism.")
    int parallelism;

    @Option(
            names = "--max-in-flight",
            defaultValue = "0",
            description =
                    "reelstream.cassandra.sink.max-in-flight per sink subtask (default 0: the driver's best"
                            + " concurrency divided by the parallelism, so both sides get the"
                            + " same total in flight).")
    int maxInFlight;

    @Option(
            names = "--coalesce-window",
            defaultValue = "200ms",
            converter = DurationConverter.class,
            description =
                    "reelstream.cassandra.sink.coalesce.window of the sink (default here,"
                            + " ${DEFAULT-VALUE}; 0 sends every row at once). Every bench row is a"
                            + " new key, so coalescing only delays.")
    Duration coalesceWindow;

    @Option(
            names = "--rounds",
            defaultValue = "3",
            description = "Interleaved sink / driver rounds after the sweep (best of each counts).")
    int rounds;

    @Option(names = "--read-samples", defaultValue = "2000", description = "Reads per read kind.")
    int readSamples;

    /** Runs the command on its own (the {@code reelstream} command also registers it). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SinkBenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CassandraNode node = null;
        InetSocketAddress address;
        if (contactPoint == null) {
            Files.createDirectories(dataDir);
            node = CassandraNode.builder(dataDir.toAbsolutePath()).build();
            out.println("starting a Cassandra node in " + dataDir);
            out.flush();
            node.start();
            address = node.contactPoint();
        } else {
            int colon = contactPoint.lastIndexOf(':');
            address =
                    new InetSocketAddress(
                            contactPoint.substring(0, colon),
                            Integer.parseInt(contactPoint.substring(colon + 1)));
        }
        cpu = new ProcessCpu(node == null ? -1 : node.pid());
        try {
            return run(out, address);
        } finally {
            if (node != null) {
                node.close();
            }
        }
    }

    private int run(PrintWriter out, InetSocketAddress address) throws Exception {
        CassandraSettings options =
                CassandraSettings.of(address.getHostString() + ":" + address.getPort(), keyspace)
                        .with(CassandraOptions.LOCAL_DATACENTER, datacenter);
        BenchRowTable table = new BenchRowTable();
        try (CqlSession session = CassandraSessions.open(options);
                MiniCluster cluster = startCluster()) {
            new SchemaMigrator(session).applyLocal(keyspace);
            PreparedStatement insert = session.prepare(table.cql(keyspace).get(0));

            // warm-up of both paths (JIT, node caches) before anything is measured
            driverPass(session, insert, table, Math.max(1, rows / 5), 256);
            sinkPass(cluster, options, table, Math.max(1, rows / 5));
            double bestDriver = 0;
            int bestConcurrency = 0;
            for (int c : concurrency) {
                ProcessCpu.Sample before = cpu.sample();
                double perSecond = driverPass(session, insert, table, rows, c);
                out.printf(
                        Locale.ROOT,
                        "driver concurrency=%d rows=%d rows_per_s=%.0f %s%n",
                        c,
                        rows,
                        perSecond,
                        cpu.sample().perRowSince(before, rows));
                out.flush();
                if (perSecond > bestDriver) {
                    bestDriver = perSecond;
                    bestConcurrency = c;
                }
            }
            int sinkInFlight =
                    maxInFlight > 0 ? maxInFlight : Math.max(1, bestConcurrency / parallelism);
            CassandraSettings sinkOptions =
                    options.with(CassandraOptions.MAX_IN_FLIGHT, sinkInFlight)
                            .with(CassandraOptions.COALESCE_WINDOW, coalesceWindow);
            // Interleaved rounds, best of each side: the machine is shared and noisy, and
            // neither side may profit from running when the other was unlucky.
            double bestSink = 0;
            double bestSinkWithStartup = 0;
            for (int round = 1; round <= rounds; round++) {
                ProcessCpu.Sample beforeSink = cpu.sample();
                SinkPass pass = sinkPass(cluster, sinkOptions, table, rows);
                double sink = pass.rowsPerSecond();
                out.printf(
                        Locale.ROOT,
                        "round=%d sink parallelism=%d max_in_flight=%d coalesce_ms=%d rows=%d"
                                + " rows_per_s=%.0f write_ms=%d job_ms=%d"
                                + " rows_per_s_with_startup=%.0f %s%n",
                        round,
                        parallelism,
                        sinkInFlight,
                        coalesceWindow.toMillis(),
                        rows,
                        sink,
                        pass.writeMillis(),
                        pass.jobMillis(),
                        pass.rowsPerSecondWithStartup(),
                        cpu.sample().perRowSince(beforeSink, rows));
                bestSinkWithStartup =
                        Math.max(bestSinkWithStartup, pass.rowsPerSecondWithStartup());
                out.flush();
                ProcessCpu.Sample beforeDriver = cpu.sample();
                double driver = driverPass(session, insert, table, rows, bestConcurrency);
                out.printf(
                        Locale.ROOT,
                        "round=%d driver concurrency=%d rows=%d rows_per_s=%.0f %s%n",
                        round,
                        bestConcurrency,
                        rows,
                        driver,
                        cpu.sample().perRowSince(beforeDriver, rows));
                out.flush();
                bestSink = Math.max(bestSink, sink);
                bestDriver = Math.max(bestDriver, driver);
            }
            out.printf(
                    Locale.ROOT,
                    "driver_best concurrency=%d rows_per_s=%.0f%nsink_best rows_per_s=%.0f"
                            + " (with job start-up %.0f: ratio %.2f)%n",
                    bestConcurrency,
                    bestDriver,
                    bestSink,
                    bestSinkWithStartup,
                    bestSinkWithStartup / bestDriver);

            out.printf(
                    Locale.ROOT,
                    "sink_session_close_ms=%d (inside every sink pass: the last subtask closes the"
                            + " shared session before the job is FINISHED)%n",
                    sessionCloseMillis(sinkOptions));
            for (ReadLatency latency : readLatencies(session)) {
                out.println(latency);
            }
            out.printf(Locale.ROOT, "sink_vs_driver_ratio=%.2f%n", bestSink / bestDriver);
            out.flush();
        }
        return 0;
    }

    /** How long closing a connected session with the sink's driver configuration takes. */
    private static long sessionCloseMillis(CassandraSettings options) {
        CqlSession probe = CassandraSessions.open(options);
        probe.execute("SELECT release_version FROM system.local");
        long start = System.nanoTime();
        probe.close();
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Writes {@code count} rows with at most {@code inFlight} requests outstanding; rows/s. */
    private static double driverPass(
            CqlSession session,
            PreparedStatement insert,
            BenchRowTable table,
            int count,
            int inFlight)
            throws Exception {
        Semaphore permits = new Semaphore(inFlight);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        BenchRowGenerator generator = new BenchRowGenerator();
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            BenchRow row = generator.map(i);
            permits.acquire();
            session.executeAsync(
                            table.bind(List.of(insert), row)
                                    .get(0)
                                    .setIdempotent(true)
                                    .setQueryTimestamp(table.writeTimestampMicros(row)))
                    .whenComplete(
                            (result, error) -> {
                                if (error != null) {
                                    failure.compareAndSet(null, error);
                                }
                                permits.release();
                            });
        }
        permits.acquire(inFlight);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("driver pass failed", failure.get());
        }
        return count / seconds;
    }

    /**
     * The same rows through a Flink job into the sink, on the bench's MiniCluster. Rows/s over the
     * write window: from the moment the first subtask is RUNNING (its writer is open, the driver
     * session connected) until the job is FINISHED (every write acknowledged, after the final
     * flush), the same window the driver pass measures. Job submission, scheduling and task
     * deployment are fixed start-up costs, not throughput; they are reported separately.
     */
    private SinkPass sinkPass(
            MiniCluster cluster, CassandraSettings options, BenchRowTable table, int count)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        env.fromSource(
                        new DataGeneratorSource<>(
                                new BenchRowGenerator(), count, TypeInformation.of(BenchRow.class)),
                        WatermarkStrategy.noWatermarks(),
                        "bench-rows")
                .uid("bench-rows")
                .sinkTo(CassandraSink.builder(table).options(options).build())
                .uid("bench-cassandra-sink")
                .name("Cassandra: user_features (bench)");
        JobID job = cluster.submitJob(env.getStreamGraph()).get().getJobID();
        JobResult result = cluster.requestJobResult(job).get();
        if (!result.isSuccess()) {
            throw new IllegalStateException(
                    "sink pass failed",
                    result.getSerializedThrowable()
                            .map(t -> t.deserializeError(getClass().getClassLoader()))
                            .orElse(null));
        }
        ArchivedExecutionGraph graph = cluster.getArchivedExecutionGraph(job).get();
        long firstRunning = Long.MAX_VALUE;
        for (AccessExecutionVertex vertex : graph.getAllExecutionVertices()) {
            long running = vertex.getStateTimestamp(ExecutionState.RUNNING);
            if (running > 0) {
                firstRunning = Math.min(firstRunning, running);
            }
        }
        long created = graph.getStatusTimestamp(JobStatus.CREATED);
        long finished = graph.getStatusTimestamp(JobStatus.FINISHED);
        return new SinkPass(count, finished - firstRunning, finished - created);
    }

    /** One sink pass: the write window and the whole job runtime, in milliseconds. */
    record SinkPass(int rows, long writeMillis, long jobMillis) {
        double rowsPerSecond() {
            return rows / (writeMillis / 1000.0);
        }

        double rowsPerSecondWithStartup() {
            return rows / (jobMillis / 1000.0);
        }
    }

    /** The bench's Flink cluster: one task manager with a slot per sink subtask. */
    private MiniCluster startCluster() throws Exception {
        Configuration conf = new Configuration();
        conf.set(
                CoreOptions.TMP_DIRS,
                Files.createTempDirectory("reelstream-bench-flink").toString());
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(parallelism)
                                .build());
        cluster.start();
        return cluster;
    }

    /** Seeds a few serving rows besides the bench rows and measures every serving read. */
    private List<ReadLatency> readLatencies(CqlSession session) {
        int users = 500;
        int shows = 500;
        Random random = new Random(7);
        PreparedStatement recs =
                session.prepare(
                        "INSERT INTO "
                                + keyspace
                                + ".recommendations (user_id, rank, row_v, show_id, score,"
                                + " model_version, generated_at) VALUES (?, ?, 1, ?, ?, 1, ?)");
        PreparedStatement items =
                session.prepare(
                        "INSERT INTO "
                                + keyspace
                                + ".item_factors (show_id, row_v, factors, bias, model_version,"
                                + " updated_at) VALUES (?, 1, ?, 0, 1, ?)");
        Instant now = Instant.now();
        List<String> userIds = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            String user = BenchRowGenerator.userId(u);
            userIds.add(user);
            for (int rank = 1; rank <= 20; rank++) {
                session.execute(recs.bind(user, rank, "show-" + random.nextInt(shows), 1f, now));
            }
        }
        List<String> showIds = new ArrayList<>();
        for (int s = 0; s < shows; s++) {
            List<Float> v = new ArrayList<>();
            for (int j = 0; j < 32; j++) {
                v.add((float) random.nextGaussian());
            }
            // one at a time: vector-indexed table (CASSANDRA-21644 on small nodes)
            session.execute(items.bind("show-" + s, CqlVector.newInstance(v), now));
            showIds.add("show-" + s);
        }
        ServingClient client = new ServingClient(session, keyspace);
        return new ReadLatencyBenchmark(client, Math.min(500, readSamples), readSamples)
                .run(userIds, showIds);
    }

    /** One bench row: a user's feature set with 8 values. */
    public record BenchRow(String userId, float[] values, long asOfMillis)
            implements Serializable {}

    /** Deterministic rows: row i is user i, so every row is one write (nothing to coalesce). */
    static final class BenchRowGenerator implements GeneratorFunction<Long, BenchRow> {
        private static final long serialVersionUID = 1L;
        private static final long BASE_MILLIS = 1_790_000_000_000L;

        static String userId(long i) {
            return "bench-user-" + i;
        }

        @Override
        public BenchRow map(Long i) {
            float[] values = new float[8];
            for (int j = 0; j < values.length; j++) {
                values[j] = (i % 100) + j * 0.5f;
            }
            return new BenchRow(userId(i), values, BASE_MILLIS + i);
        }
    }

    /**
     * Binds bench rows to {@code user_features}, the way {@code UserFeaturesTable} does (one
     * builder, constant collection codecs).
     */
    static final class BenchRowTable implements CassandraTable<BenchRow> {
        private static final long serialVersionUID = 1L;
        private static final List<String> NAMES =
                List.of("f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7");

        @Override
        public String tableName() {
            return "user_features";
        }

        @Override
        public List<String> cql(String keyspace) {
            return List.of(
                    "INSERT INTO "
                            + keyspace
                            + ".user_features (user_id, feature_set, row_v, feature_set_version,"
                            + " names, feature_values, as_of) VALUES (?, 'bench', 1, 1, ?, ?, ?)"
                            + " USING TIMESTAMP ?");
        }

        @Override
        public Optional<Rejection> validate(BenchRow row) {
            return Optional.empty();
        }

        @Override
        public Object coalesceKey(BenchRow row) {
            return row.userId();
        }

        @Override
        public long writeTimestampMicros(BenchRow row) {
            return row.asOfMillis() * 1000;
        }

        @Override
        public List<BoundStatement> bind(List<PreparedStatement> prepared, BenchRow row) {
            List<Float> values = new ArrayList<>(row.values().length);
            for (float v : row.values()) {
                values.add(v);
            }
            return List.of(
                    prepared.get(0)
                            .boundStatementBuilder()
                            .setString(0, row.userId())
                            .set(1, NAMES, CqlBindTypes.LIST_OF_TEXT)
                            .set(2, values, CqlBindTypes.LIST_OF_FLOAT)
                            .setInstant(3, Instant.ofEpochMilli(row.asOfMillis()))
                            .setLong(4, writeTimestampMicros(row))
                            .build());
        }
    }
}
