package io.reelstream.udfs.cassandra.internal;

import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.cassandra.CassandraSettings;
import io.reelstream.udfs.cassandra.TestRowTable;
import io.reelstream.udfs.cassandra.TestRowTable.TestRow;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

class CassandraSinkWriterTest {

    private final FakeCassandra cassandra = new FakeCassandra();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final TestProcessingTimeService time = new TestProcessingTimeService();
    private final TestRowTable table = new TestRowTable();
    private long wallClockMillis = 0;
    private CassandraSinkMetrics metrics;
    private InFlightWrites writes;

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private CassandraSinkWriter<TestRow> writer(Duration window, int maxKeys) {
        return writer(window, maxKeys, Duration.ZERO, 1, TestRowTable::statementFor);
    }

    /** Rows are grouped for batching by the first letter of their key. */
    private static final StatementFactory<TestRow> BY_FIRST_LETTER =
            new StatementFactory<>() {
                @Override
                public Statement<?> statementFor(TestRow row) {
                    return TestRowTable.statementFor(row);
                }

                @Override
                public Object batchGroup(Statement<?> statement) {
                    return key(statement).substring(0, 1);
                }
            };

    private static String key(Statement<?> statement) {
        return (String) ((SimpleStatement) statement).getPositionalValues().get(0);
    }

    private CassandraSinkWriter<TestRow> writer(
            Duration window,
            int maxKeys,
            Duration gatherAhead,
            int batchMaxStatements,
            StatementFactory<TestRow> statements) {
        Configuration config = new Configuration();
        config.set(CassandraOptions.COALESCE_WINDOW, window);
        config.set(CassandraOptions.COALESCE_MAX_KEYS, maxKeys);
        config.set(CassandraOptions.BATCH_GATHER_AHEAD, gatherAhead);
        config.set(CassandraOptions.BATCH_MAX_STATEMENTS, batchMaxStatements);
        CassandraSettings options = CassandraOptions.from(config);
        InFlightWrites[] holder = new InFlightWrites[1];
        metrics =
                new CassandraSinkMetrics(
                        new UnregisteredMetricsGroup(), table.tableName(), () -> 0);
        writes =
                new InFlightWrites(
                        16,
                        cassandra,
                        scheduler,
                        new ExponentialBackoff(Duration.ofMillis(1), Duration.ofMillis(2)),
                        5,
                        new MeteredWriteListener<>(table, metrics, () -> wallClockMillis));
        holder[0] = writes;
        return new CassandraSinkWriter<>(
                table, options, statements, writes, metrics, time, () -> {});
    }

    private List<Object> sentKeysAndTimestamps() {
        return cassandra.sent().stream()
                .map(
                        s ->
                                (Object)
                                        ((com.datastax.oss.driver.api.core.cql.SimpleStatement) s)
                                                .getPositionalValues())
                .toList();
    }

    @Test
    void shouldCoalesceUpdatesOfOneKeyToTheNewestWithinTheWindow() throws Exception {
        CassandraSinkWriter<TestRow> writer = writer(Duration.ofMillis(200), 1000);
        writer.write(TestRowTable.row("a", 10), null);
        writer.write(TestRowTable.row("a", 30), null);
        writer.write(TestRowTable.row("b", 5), null);
        writer.write(TestRowTable.row("a", 20), null); // older than buffered: dropped
        assertThat(cassandra.sent()).isEmpty();

        time.setCurrentTime(200);
        assertThat(sentKeysAndTimestamps())
                .containsExactlyInAnyOrder(List.of("a", 30L), List.of("b", 5L));
        assertThat(metrics.coalescedCount()).isEqualTo(2);
        assertThat(time.getNumActiveTimers()).isZero();
        cassandra.succeedAll();
        writer.flush(false);
        assertThat(metrics.writes()).isEqualTo(2);
    }

    @Test
    void shouldWriteEachKeyOneWindowAfterItsFirstArrivalWithItsNewestUpdate() throws Exception {
        CassandraSinkWriter<TestRow> writer = writer(Duration.ofMillis(200), 1000);
        time.setCurrentTime(0);
        writer.write(TestRowTable.row("a", 10), null);
        time.setCurrentTime(150);
        writer.write(TestRowTable.row("b", 5), null);
        time.setCurrentTime(160);
        writer.write(TestRowTable.row("a", 30), null); // keeps a's place and arrival time
        assertThat(cassandra.sent()).isEmpty();

        time.setCurrentTime(200); // a is due, b is not
        assertThat(sentKeysAndTimestamps()).containsExactly(List.of("a", 30L));
        assertThat(time.getNumActiveTimers()).isEqualTo(1);

        time.setCurrentTime(340);
        writer.write(TestRowTable.row("c", 1), null);
        assertThat(cassandra.sent()).hasSize(1);
        time.setCurrentTime(350); // b is due (150 + 200), c (at 540) is not
        assertThat(sentKeysAndTimestamps()).containsExactly(List.of("a", 30L), List.of("b", 5L));

        writer.write(TestRowTable.row("d", 1), null);
        time.setCurrentTime(540); // a write after the eldest's window sends it without a timer
        writer.write(TestRowTable.row("e", 1), null);
        assertThat(sentKeysAndTimestamps()).hasSize(3).contains(List.of("c", 1L));
        time.setCurrentTime(740);
        assertThat(sentKeysAndTimestamps()).hasSize(5);
        assertThat(time.getNumActiveTimers()).isZero();
        assertThat(writer.buffered()).isZero();
        cassandra.succeedAll();
        writer.flush(false);
        assertThat(metrics.writes()).isEqualTo(5);
        assertThat(metrics.coalescedCount()).isEqualTo(1);
    }

    @Test
    void shouldSendEveryBufferedElementAndWaitForItOnFlush() throws Exception {
        CassandraSinkWriter<TestRow> writer = writer(Duration.ofSeconds(60), 1000);
        for (int i = 0; i < 10; i++) {
            writer.write(TestRowTable.row("k" + i, i), null);
        }
        Thread completer = new Thread(this::completeWhenTenAreSent);
        completer.start();
        writer.flush(false);
        completer.join();

        assertThat(writer.buffered()).isZero();
        assertThat(writes.inFlight()).isZero();
        assertThat(metrics.writes()).isEqualTo(10);
        Statement<?> first = cassandra.sent().get(0);
        assertThat(first.getQueryTimestamp()).isEqualTo(0L);
        assertThat(first.isIdempotent()).isTrue();
    }

    @Test
    void shouldWriteTheLongestBufferedKeyEarlyWhenTheBufferIsFull() throws Exception {
        CassandraSinkWriter<TestRow> writer = writer(Duration.ofSeconds(60), 3);
        writer.write(TestRowTable.row("a", 1), null);
        writer.write(TestRowTable.row("b", 1), null);
        writer.write(TestRowTable.row("c", 1), null);
        writer.write(TestRowTable.row("a", 2), null); // coalesced: still 3 keys
        assertThat(cassandra.sent()).isEmpty();
        assertThat(writer.buffered()).isEqualTo(3);

        writer.write(TestRowTable.row("d", 1), null);
        writer.write(TestRowTable.row("e", 1), null);

        assertThat(cassandra.sent()).hasSize(2);
        assertThat(writer.buffered()).isEqualTo(3);
        Thread completer = new Thread(() -> completeNext(5));
        completer.start();
        writer.flush(true);
        completer.join();
        assertThat(cassandra.sent()).hasSize(5);
        assertThat(writer.buffered()).isZero();
    }

    private void completeNext(int requests) {
        try {
            for (int i = 0; i < requests; i++) {
                cassandra.next().future().complete(null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shouldDropAndCountElementsThatFailValidation() throws Exception {
        CassandraSinkWriter<TestRow> writer = writer(Duration.ZERO, 10);
        writer.write(new TestRow("bad", 1, new float[3]), null);
        writer.write(TestRowTable.row("good", 1), null);
        cassandra.succeedAll();
        writer.flush(true);

        assertThat(metrics.rejectedCount()).isEqualTo(1);
        assertThat(sentKeysAndTimestamps()).containsExactly(List.of("good", 1L));
    }

    @Test
    void shouldRecordFreshnessOfEachAcknowledgedRowFromItsEventTime() throws Exception {
        CassandraSinkWriter<TestRow> writer = writer(Duration.ofMillis(100), 1000);
        writer.write(TestRowTable.row("a", 4_000_000), null); // event time 4 s
        writer.write(TestRowTable.row("a", 7_000_000), null); // coalesces the one above
        writer.write(TestRowTable.row("b", 9_500_000), null); // event time 9.5 s
        writer.write(TestRowTable.row("c", 12_000_000), null); // ahead of the clock (skew)
        time.setCurrentTime(100);
        wallClockMillis = 10_000;
        cassandra.succeedAll();
        writer.flush(false);

        Histogram freshness = metrics.freshnessMs();
        assertThat(freshness.getCount()).isEqualTo(3);
        HistogramStatistics stats = freshness.getStatistics();
        assertThat(stats.getMin()).isZero();
        assertThat(stats.getMax()).isEqualTo(3_000);
        assertThat(stats.getValues()).containsExactlyInAnyOrder(3_000L, 500L, 0L);
    }

    @Test
    void shouldKeepTheLagOfRowsNoEventCausedApartFromFreshness() throws Exception {
        CassandraSinkWriter<TestRow> writer = writer(Duration.ZERO, 10);
        writer.write(TestRowTable.row("event", 9_000_000), null); // event time 9 s
        writer.write(TestRowTable.row(TestRowTable.TIME_DRIVEN_PREFIX + "decay", 4_000_000), null);
        wallClockMillis = 10_000;
        cassandra.succeedAll();
        writer.flush(true);

        assertThat(metrics.writes()).isEqualTo(2);
        assertThat(metrics.freshnessMs().getStatistics().getValues()).containsExactly(1_000L);
        assertThat(metrics.timeDrivenLagMs().getStatistics().getValues()).containsExactly(6_000L);
    }

    @Test
    void shouldNotRecordFreshnessForFailedWrites() throws Exception {
        CassandraSinkWriter<TestRow> writer = writer(Duration.ZERO, 10);
        writer.write(TestRowTable.row("a", 1_000), null);
        cassandra.next().future().completeExceptionally(new IllegalStateException("rejected"));
        writer.flush(true);

        assertThat(metrics.failures()).isEqualTo(1);
        assertThat(metrics.freshnessMs().getCount()).isZero();
    }

    @Test
    void shouldSendKeysDueWithinTheGatherAheadWithTheEldestButNeverLaterThanTheirWindow()
            throws Exception {
        CassandraSinkWriter<TestRow> writer =
                writer(Duration.ofMillis(200), 1000, Duration.ofMillis(50), 1, BY_FIRST_LETTER);
        time.setCurrentTime(0);
        writer.write(TestRowTable.row("a", 1), null);
        time.setCurrentTime(40);
        writer.write(TestRowTable.row("b", 1), null);
        time.setCurrentTime(100);
        writer.write(TestRowTable.row("c", 1), null);

        time.setCurrentTime(200); // a is due; b (due at 240) is within 50 ms; c (300) is not
        assertThat(sentKeysAndTimestamps()).containsExactly(List.of("a", 1L), List.of("b", 1L));
        time.setCurrentTime(300);
        assertThat(sentKeysAndTimestamps()).hasSize(3);
        assertThat(metrics.batches()).isZero(); // one statement per batch: batching is off
        cassandra.succeedAll();
        writer.flush(false);
        assertThat(metrics.writes()).isEqualTo(3);
    }

    @Test
    void shouldBatchRowsOfOneReplicaGroupUpToTheMaximumAndCountEachRow() throws Exception {
        CassandraSinkWriter<TestRow> writer =
                writer(Duration.ofSeconds(60), 1000, Duration.ZERO, 2, BY_FIRST_LETTER);
        for (String key : List.of("a1", "b1", "a2", "a3", "b2", "c1")) {
            writer.write(TestRowTable.row(key, 7), null);
        }
        Thread completer = new Thread(() -> completeNext(4));
        completer.start();
        writer.flush(false);
        completer.join();

        List<List<String>> requests =
                cassandra.sent().stream()
                        .map(
                                s ->
                                        s instanceof BatchStatement batch
                                                ? java.util.stream.StreamSupport.stream(
                                                                batch.spliterator(), false)
                                                        .map(CassandraSinkWriterTest::key)
                                                        .toList()
                                                : List.of(key(s)))
                        .toList();
        assertThat(requests)
                .containsExactly(
                        List.of("a1", "a2"), List.of("b1", "b2"), List.of("a3"), List.of("c1"));
        BatchStatement first = (BatchStatement) cassandra.sent().get(0);
        assertThat(first.getBatchType()).isEqualTo(DefaultBatchType.UNLOGGED);
        assertThat(first.isIdempotent()).isTrue();
        assertThat(metrics.batches()).isEqualTo(2);
        assertThat(metrics.batchedRows()).isEqualTo(4);
        assertThat(metrics.writes()).isEqualTo(6);
        assertThat(metrics.freshnessMs().getCount()).isEqualTo(6);
    }

    @Test
    void shouldSendAnElementThatIsAlreadyAMultiRowBatchAlone() throws Exception {
        StatementFactory<TestRow> lists =
                new StatementFactory<>() {
                    @Override
                    public Statement<?> statementFor(TestRow row) {
                        SimpleStatement one = TestRowTable.statementFor(row);
                        return row.key().startsWith("list")
                                ? BatchStatement.newInstance(DefaultBatchType.UNLOGGED, one, one)
                                : one;
                    }

                    @Override
                    public Object batchGroup(Statement<?> statement) {
                        return "one replica set";
                    }
                };
        CassandraSinkWriter<TestRow> writer =
                writer(Duration.ofSeconds(60), 1000, Duration.ZERO, 8, lists);
        writer.write(TestRowTable.row("a", 1), null);
        writer.write(TestRowTable.row("list-1", 1), null);
        writer.write(TestRowTable.row("b", 1), null);
        Thread completer = new Thread(() -> completeNext(2));
        completer.start();
        writer.flush(false);
        completer.join();

        assertThat(cassandra.sent()).hasSize(2);
        assertThat(cassandra.sent().get(0)).isInstanceOf(BatchStatement.class);
        assertThat(((BatchStatement) cassandra.sent().get(0)).size()).isEqualTo(2); // the list
        assertThat(((BatchStatement) cassandra.sent().get(1)).size()).isEqualTo(2); // a and b
        assertThat(metrics.batches()).isEqualTo(1);
        assertThat(metrics.writes()).isEqualTo(3);
    }

    @Test
    void shouldCountEveryRowOfAFailedBatchAsFailed() throws Exception {
        CassandraSinkWriter<TestRow> writer =
                writer(Duration.ofSeconds(60), 1000, Duration.ZERO, 8, BY_FIRST_LETTER);
        writer.write(TestRowTable.row("a1", 1), null);
        writer.write(TestRowTable.row("a2", 1), null);
        writer.write(TestRowTable.row("a3", 1), null);
        Thread failer =
                new Thread(
                        () -> {
                            try {
                                cassandra
                                        .next()
                                        .future()
                                        .completeExceptionally(
                                                new IllegalStateException("rejected"));
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
        failer.start();
        writer.flush(true);
        failer.join();

        assertThat(cassandra.sent()).hasSize(1);
        assertThat(metrics.failures()).isEqualTo(3);
        assertThat(metrics.writes()).isZero();
    }

    private void completeWhenTenAreSent() {
        try {
            for (int i = 0; i < 10; i++) {
                cassandra.next().future().complete(null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
