package io.reelstream.tests.cassandra;

import io.reelstream.tests.cassandra.CassandraRows.StoredFactors;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.tests.support.TestFlinkCluster;
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

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cassandra stopped for 60 s in the middle of a stream, then restarted: the sink backs off
 * (backpressure, retries), resumes, and afterwards every expected row is there, count and content.
 */
class CassandraOutageITCase {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraOutageITCase.class);

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestFlinkCluster.twoSlotsReportingTo(REPORTER);

    private static final long COUNT = 6007;
    private static final int KEYS = 301;
    private static final double ROWS_PER_SECOND = 50;
    private static final Duration OUTAGE = Duration.ofSeconds(60);

    @Test
    void shouldResumeAfterASixtySecondOutageAndLoseNothing() throws Exception {
        String keyspace = CassandraSinkITCase.migratedKeyspace();
        FactorRowGenerator generator = new FactorRowGenerator(COUNT, KEYS, 0, 0);
        FactorsTestTable table = FactorsTestTable.userFactors();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(2000);
        DataGeneratorSource<FactorRow> source =
                new DataGeneratorSource<>(
                        generator,
                        COUNT,
                        RateLimiterStrategy.perSecond(ROWS_PER_SECOND),
                        TypeInformation.of(FactorRow.class));
        CassandraSink<FactorRow> sink =
                CassandraSink.builder(table).options(CassandraSinkITCase.options(keyspace)).build();
        new FactorsToCassandraJob(source, table, sink).build(env);

        JobClient job = env.executeAsync("cassandra-outage-itcase");
        long rowsBefore = waitForRows(keyspace, 50, Duration.ofSeconds(60));
        long stoppedAt = System.nanoTime();
        SERVICES.cassandra().stop();
        LOG.info("Cassandra stopped with {} rows written; down for {}", rowsBefore, OUTAGE);
        Thread.sleep(OUTAGE.toMillis());
        boolean runningDuringOutage = !job.getJobStatus().get().isTerminalState();
        SERVICES.cassandra().start();
        long downSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stoppedAt);
        LOG.info("Cassandra back after {} s", downSeconds);

        job.getJobExecutionResult().get(5, TimeUnit.MINUTES);
        JobID jobId = job.getJobID();

        assertThat(downSeconds).isGreaterThanOrEqualTo(OUTAGE.toSeconds());
        assertThat(runningDuringOutage).isTrue();
        assertThat(rowsBefore).isLessThan(KEYS);
        assertThat(counter(jobId, "cassandra.user_factors.retries")).isPositive();
        assertThat(counter(jobId, "cassandra.user_factors.failures")).isZero();
        Map<String, StoredFactors> rows;
        try (CqlSession session = SERVICES.newSession()) {
            rows = CassandraRows.factors(session, keyspace, table.tableName());
        }
        assertThat(rows).hasSize(KEYS).isEqualTo(CassandraRows.expected(generator, COUNT, KEYS));
    }

    private static long waitForRows(String keyspace, long atLeast, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (CqlSession session = SERVICES.newSession()) {
            while (System.nanoTime() < deadline) {
                long rows =
                        session.execute("SELECT count(*) FROM " + keyspace + ".user_factors")
                                .one()
                                .getLong(0);
                if (rows >= atLeast) {
                    return rows;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("fewer than " + atLeast + " rows after " + timeout);
    }

    private static long counter(JobID jobId, String suffix) {
        return REPORTER.findMetrics(jobId, suffix).entrySet().stream()
                .filter(e -> e.getKey().endsWith(suffix))
                .mapToLong(e -> ((Counter) e.getValue()).getCount())
                .sum();
    }
}
