package io.reelstream.tests.cassandra;

import io.reelstream.localstack.CassandraNode;
import io.reelstream.tests.cassandra.CassandraRows.StoredFactors;
import io.reelstream.tests.support.TestCassandraRing;
import io.reelstream.tests.support.TestFlinkCluster;
import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.cassandra.CassandraSettings;
import io.reelstream.udfs.cassandra.CassandraSink;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.data.CqlVector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The serving store as a 2-node ring (replication factor 2): one node stopped (SIGTERM) for 60 s in
 * the middle of a stream written at consistency ONE keeps the writes going on the other, and once
 * it is back hinted handoff gives it every row it missed; each replica is read alone (NODE_LOCAL),
 * so read repair cannot hide a missing row. Also: writes to the vector-indexed table at the default
 * LOCAL_QUORUM (both replicas) under the sink's in-flight cap for vector tables.
 */
class CassandraNodeOutageITCase {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraNodeOutageITCase.class);

    @RegisterExtension static final TestCassandraRing RING = TestCassandraRing.ofNodes(2);

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestFlinkCluster.twoSlotsReportingTo(REPORTER);

    private static final long COUNT = 6007;
    private static final int KEYS = 1009;
    private static final double ROWS_PER_SECOND = 50;
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final Duration HINTS_DEADLINE = Duration.ofMinutes(3);

    @BeforeEach
    void everyNodeUp() {
        RING.awaitAllUp();
    }

    @Test
    void shouldKeepWritingAtOneWhileAReplicaIsDownAndLeaveEveryRowOnBothReplicas()
            throws Exception {
        String keyspace = RING.migratedKeyspace();
        assertThat(replicationFactor(keyspace)).isEqualTo("2");
        FactorRowGenerator generator = new FactorRowGenerator(COUNT, KEYS, 0, 0);
        FactorsTestTable table = FactorsTestTable.userFactors();
        CassandraSettings options =
                RING.sinkOptions(keyspace).with(CassandraOptions.CONSISTENCY, "ONE");
        JobClient job =
                submit(
                        table,
                        options,
                        new DataGeneratorSource<>(
                                generator,
                                COUNT,
                                RateLimiterStrategy.perSecond(ROWS_PER_SECOND),
                                TypeInformation.of(FactorRow.class)),
                        "cassandra-node-outage-itcase");
        String writes = "cassandra.user_factors.writes";
        awaitCounter(job.getJobID(), writes, 300, Duration.ofSeconds(90));

        CassandraNode victim = RING.node(1);
        long stoppedAt = System.nanoTime();
        victim.stop();
        long writesAtStop = counter(job.getJobID(), writes);
        LOG.info(
                "Node {} stopped after {} writes; down for {}",
                victim.contactPoint(),
                writesAtStop,
                OUTAGE);
        Thread.sleep(OUTAGE.toMillis());
        long writesDuringOutage = counter(job.getJobID(), writes) - writesAtStop;
        boolean runningDuringOutage = !job.getJobStatus().get().isTerminalState();
        RING.awaitAllUp();
        long downSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stoppedAt);
        LOG.info(
                "Node back after {} s; {} writes while it was down",
                downSeconds,
                writesDuringOutage);

        job.getJobExecutionResult().get(5, TimeUnit.MINUTES);
        JobID jobId = job.getJobID();
        assertThat(downSeconds).isGreaterThanOrEqualTo(OUTAGE.toSeconds());
        assertThat(runningDuringOutage).isTrue();
        // 50 rows/s for 60 s: writes went on at ONE instead of waiting for the stopped replica.
        assertThat(writesDuringOutage).isGreaterThan(1000);
        assertThat(counter(jobId, "cassandra.user_factors.failures")).isZero();

        Map<String, StoredFactors> expected = CassandraRows.expected(generator, COUNT, KEYS);
        assertThat(expected).hasSize(KEYS);
        assertThat(awaitReplica(keyspace, table, victim, expected))
                .as("rows on the restarted replica alone (hinted handoff)")
                .isEqualTo(expected);
        assertThat(replicaRows(keyspace, table, RING.node(0)))
                .as("rows on the replica that stayed up, alone")
                .isEqualTo(expected);
        assertThat(rowsAt(keyspace, table, DefaultConsistencyLevel.ALL))
                .as("rows read at ALL")
                .isEqualTo(expected);
    }

    @Test
    void shouldWriteTheVectorIndexedTableOnBothReplicasWithinTheInFlightCap() throws Exception {
        String keyspace = RING.migratedKeyspace();
        long count = 2003;
        int keys = 97;
        FactorRowGenerator generator = new FactorRowGenerator(count, keys, 0, 0);
        FactorsTestTable table = FactorsTestTable.itemFactors();
        CassandraSettings options = RING.sinkOptions(keyspace);
        assertThat(options.consistency()).isEqualTo("LOCAL_QUORUM");
        assertThat(options.maxInFlightFor(table)).isEqualTo(2);

        JobClient job =
                submit(
                        table,
                        options,
                        new DataGeneratorSource<>(
                                generator, count, TypeInformation.of(FactorRow.class)),
                        "cassandra-ring-vector-itcase");
        job.getJobExecutionResult().get(5, TimeUnit.MINUTES);

        JobID jobId = job.getJobID();
        LOG.info(
                "Vector writes retried {} times", counter(jobId, "cassandra.item_factors.retries"));
        assertThat(counter(jobId, "cassandra.item_factors.failures")).isZero();
        Map<String, StoredFactors> expected = CassandraRows.expected(generator, count, keys);
        for (CassandraNode node : RING.ring().nodes()) {
            assertThat(replicaRows(keyspace, table, node))
                    .as("item_factors on %s alone", node.contactPoint())
                    .isEqualTo(expected);
        }
        assertThat(nearestShows(keyspace, 5)).hasSize(5);
    }

    private static JobClient submit(
            FactorsTestTable table,
            CassandraSettings options,
            DataGeneratorSource<FactorRow> source,
            String name)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(2000);
        CassandraSink<FactorRow> sink = CassandraSink.builder(table).options(options).build();
        new FactorsToCassandraJob(source, table, sink).build(env);
        return env.executeAsync(name);
    }

    /** Polls the replica alone until it holds the expected rows or the deadline passes. */
    private static Map<String, StoredFactors> awaitReplica(
            String keyspace,
            FactorsTestTable table,
            CassandraNode node,
            Map<String, StoredFactors> expected)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + HINTS_DEADLINE.toNanos();
        Map<String, StoredFactors> rows = replicaRows(keyspace, table, node);
        LOG.info(
                "Restarted replica right after the job: {} of {} rows as expected",
                matching(rows, expected),
                expected.size());
        while (!rows.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            rows = replicaRows(keyspace, table, node);
        }
        LOG.info(
                "Restarted replica: {} of {} rows as expected after {} s",
                matching(rows, expected),
                expected.size(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        return rows;
    }

    private static long matching(
            Map<String, StoredFactors> rows, Map<String, StoredFactors> expected) {
        return expected.entrySet().stream()
                .filter(e -> e.getValue().equals(rows.get(e.getKey())))
                .count();
    }

    private static Map<String, StoredFactors> replicaRows(
            String keyspace, FactorsTestTable table, CassandraNode node) {
        try (CqlSession session = RING.newSession()) {
            return CassandraRows.factors(
                    session, keyspace, table.tableName(), cql -> RING.onlyOn(session, node, cql));
        }
    }

    private static Map<String, StoredFactors> rowsAt(
            String keyspace, FactorsTestTable table, ConsistencyLevel level) {
        try (CqlSession session = RING.newSession()) {
            return CassandraRows.factors(
                    session,
                    keyspace,
                    table.tableName(),
                    cql -> SimpleStatement.newInstance(cql).setConsistencyLevel(level));
        }
    }

    private static String replicationFactor(String keyspace) {
        try (CqlSession session = RING.newSession()) {
            return session.execute(
                            "SELECT replication FROM system_schema.keyspaces WHERE"
                                    + " keyspace_name = ?",
                            keyspace)
                    .one()
                    .getMap("replication", String.class, String.class)
                    .get("replication_factor");
        }
    }

    /** ANN over the SAI vector index, as the serving client's similar-titles read does. */
    private static List<String> nearestShows(String keyspace, int k) {
        List<Float> query = new ArrayList<>();
        for (int i = 0; i < FactorsTestTable.DIMENSION; i++) {
            query.add(1.0f);
        }
        List<String> shows = new ArrayList<>();
        try (CqlSession session = RING.newSession()) {
            session.execute(
                            SimpleStatement.newInstance(
                                            "SELECT show_id FROM "
                                                    + keyspace
                                                    + ".item_factors ORDER BY factors ANN OF ?"
                                                    + " LIMIT "
                                                    + k,
                                            CqlVector.newInstance(query))
                                    .setConsistencyLevel(DefaultConsistencyLevel.ONE))
                    .forEach(row -> shows.add(row.getString("show_id")));
        }
        return shows;
    }

    private static void awaitCounter(JobID jobId, String suffix, long atLeast, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (counter(jobId, suffix) >= atLeast) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("fewer than " + atLeast + " " + suffix + " after " + timeout);
    }

    private static long counter(JobID jobId, String suffix) {
        return REPORTER.findMetrics(jobId, suffix).entrySet().stream()
                .filter(e -> e.getKey().endsWith(suffix))
                .mapToLong(e -> ((Counter) e.getValue()).getCount())
                .sum();
    }
}
