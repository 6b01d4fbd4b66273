package io.reelstream.tests.cassandra;

import io.reelstream.localstack.schema.SchemaMigrator;
import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.tests.cassandra.CassandraRows.StoredFactors;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.tests.support.TestFlinkCluster;
import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.cassandra.CassandraSettings;
import io.reelstream.udfs.cassandra.CassandraSink;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the sink against a real Cassandra node: replays leave identical rows, older events never
 * overwrite newer ones, and rows of the wrong vector dimension are dead-lettered and counted
 * instead of written or retried.
 */
class CassandraSinkITCase {

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestFlinkCluster.twoSlotsReportingTo(REPORTER);

    private static final long COUNT = 2003;
    private static final int KEYS = 97;

    @Test
    void shouldLeaveIdenticalRowsWhenTheSameInputIsReplayed() throws Exception {
        String keyspace = migratedKeyspace();
        FactorRowGenerator generator = new FactorRowGenerator(COUNT, KEYS, 0, 0);

        run(keyspace, FactorsTestTable.userFactors(), generator, COUNT);
        Map<String, StoredFactors> first = rows(keyspace, "user_factors");
        run(keyspace, FactorsTestTable.userFactors(), generator, COUNT);
        Map<String, StoredFactors> second = rows(keyspace, "user_factors");

        assertThat(first).hasSize(KEYS).isEqualTo(CassandraRows.expected(generator, COUNT, KEYS));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldNotOverwriteNewerRowsWithOlderEvents() throws Exception {
        String keyspace = migratedKeyspace();
        FactorRowGenerator newer = new FactorRowGenerator(COUNT, KEYS, 0, 10_000);
        FactorRowGenerator older = new FactorRowGenerator(COUNT, KEYS, 0, 0);

        run(keyspace, FactorsTestTable.userFactors(), newer, COUNT);
        run(keyspace, FactorsTestTable.userFactors(), older, COUNT);

        Map<String, StoredFactors> rows = rows(keyspace, "user_factors");
        assertThat(rows).hasSize(KEYS).isEqualTo(CassandraRows.expected(newer, COUNT, KEYS));
        assertThat(rows.values()).allMatch(r -> r.modelVersion() >= 10_000);
    }

    @Test
    void shouldDeadLetterAndCountVectorsOfTheWrongDimensionInsteadOfWritingThem() throws Exception {
        String keyspace = migratedKeyspace();
        long count = 503;
        int keys = 50;
        FactorRowGenerator generator = new FactorRowGenerator(count, keys, 10, 0);

        RunResult result = run(keyspace, FactorsTestTable.itemFactors(), generator, count);

        assertThat(result.deadLetters()).hasSize(50);
        assertThat(result.deadLetters())
                .allMatch(d -> d.reason() == RejectReason.WRONG_DIMENSION)
                .allMatch(d -> d.detail().contains("dimension 31, expected 32"));
        assertThat(counter(result.jobId(), "cassandra.item_factors.rejected")).isEqualTo(50);
        assertThat(counter(result.jobId(), "cassandra.item_factors.failures")).isZero();
        assertThat(rows(keyspace, "item_factors"))
                .isEqualTo(CassandraRows.expected(generator, count, keys));
    }

    record RunResult(JobID jobId, List<DeadLetter> deadLetters) {}

    private RunResult run(
            String keyspace, FactorsTestTable table, FactorRowGenerator generator, long count)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(1000);
        DataGeneratorSource<FactorRow> source =
                new DataGeneratorSource<>(generator, count, TypeInformation.of(FactorRow.class));
        CassandraSink<FactorRow> sink =
                CassandraSink.builder(table).options(options(keyspace)).build();
        DataStream<DeadLetter> deadLetters =
                new FactorsToCassandraJob(source, table, sink).build(env);
        List<DeadLetter> collected = new ArrayList<>();
        try (CloseableIterator<DeadLetter> it = deadLetters.collectAsync()) {
            JobClient client = env.executeAsync("cassandra-sink-itcase");
            it.forEachRemaining(collected::add);
            client.getJobExecutionResult().get();
            return new RunResult(client.getJobID(), collected);
        }
    }

    static CassandraSettings options(String keyspace) {
        var contact = SERVICES.cassandra().contactPoint();
        return CassandraSettings.of(contact.getHostString() + ":" + contact.getPort(), keyspace)
                .with(CassandraOptions.LOCAL_DATACENTER, SERVICES.cassandra().localDatacenter());
    }

    static String migratedKeyspace() {
        String keyspace = SERVICES.uniqueKeyspace();
        try (CqlSession session = SERVICES.newSession()) {
            new SchemaMigrator(session).applyLocal(keyspace);
        }
        return keyspace;
    }

    private static Map<String, StoredFactors> rows(String keyspace, String table) {
        try (CqlSession session = SERVICES.newSession()) {
            return CassandraRows.factors(session, keyspace, table);
        }
    }

    private static long counter(JobID jobId, String suffix) {
        return REPORTER.findMetrics(jobId, suffix).entrySet().stream()
                .filter(e -> e.getKey().endsWith(suffix))
                .mapToLong(e -> ((Counter) e.getValue()).getCount())
                .sum();
    }
}
