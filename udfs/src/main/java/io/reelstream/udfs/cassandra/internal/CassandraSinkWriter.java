package io.reelstream.udfs.cassandra.internal;

import io.reelstream.schemas.deadletter.Rejection;
import io.reelstream.udfs.cassandra.CassandraSettings;
import io.reelstream.udfs.cassandra.CassandraTable;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one subtask's elements to one table: validates (defensively; the {@link
 * CassandraRowValidator} before the sink dead-letters properly), coalesces per key for the
 * coalescing window counted from each key's first arrival (at most max-keys keys: beyond it the
 * eldest is written at once), sends asynchronously through {@link InFlightWrites} (bounded,
 * retried), and on {@link #flush} (before every checkpoint barrier and at end of input) waits for
 * every write: with idempotent timestamped writes this gives an exactly-once effect.
 *
 * <p>When the key buffered longest is due, keys due within the gather-ahead are sent with it, and
 * rows whose partitions share their replicas ({@link StatementFactory#batchGroup}) go as one
 * unlogged batch of at most batch-max-statements rows: one request instead of several, for the
 * driver and for the coordinator, without the cross-node fan-out that makes multi-partition batches
 * an anti-pattern. No row waits longer than its coalescing window.
 *
 * <p>Buffering and timers run on the task (mailbox) thread only; driver threads only complete
 * requests inside {@link InFlightWrites}.
 */
final class CassandraSinkWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraSinkWriter.class);

    /**
     * Most bytes of bound values in one multi-row batch: 4 KiB, under Cassandra's default batch
     * size warning threshold ({@code batch_size_warn_threshold}, 5 KiB), which counts the mutation
     * with its per-cell overhead (batches of 5 KiB of values measured up to 5,164 B there), and far
     * under its failure threshold (50 KiB). Rows larger than this go alone.
     */
    static final int BATCH_MAX_BYTES = 4 * 1024;

    private final CassandraTable<T> table;
    private final StatementFactory<T> statements;
    private final InFlightWrites writes;
    private final CassandraSinkMetrics metrics;
    private final ProcessingTimeService timers;
    private final long coalesceWindowMillis;
    private final int coalesceMaxKeys;
    private final long gatherAheadMillis;
    private final int batchMaxStatements;
    private final AutoCloseable resources;
    private final CoalescingBuffer<T> buffer = new CoalescingBuffer<>();
    private boolean timerPending;

    /**
     * @param resources closed with the writer (session, retry scheduler)
     */
    public CassandraSinkWriter(
            CassandraTable<T> table,
            CassandraSettings options,
            StatementFactory<T> statements,
            InFlightWrites writes,
            CassandraSinkMetrics metrics,
            ProcessingTimeService timers,
            AutoCloseable resources) {
        this.table = table;
        this.statements = statements;
        this.writes = writes;
        this.metrics = metrics;
        this.timers = timers;
        this.coalesceWindowMillis = options.coalesceWindow().toMillis();
        this.coalesceMaxKeys = options.coalesceMaxKeys();
        this.gatherAheadMillis = options.batchGatherAhead().toMillis();
        this.batchMaxStatements = options.batchMaxStatements();
        this.resources = resources;
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        Optional<Rejection> rejection = table.validate(element);
        if (rejection.isPresent()) {
            metrics.rejected();
            LOG.warn(
                    "Dropping element for table {} that failed validation: {} ({})",
                    table.tableName(),
                    rejection.get().reason(),
                    rejection.get().detail());
            return;
        }
        if (coalesceWindowMillis <= 0) {
            send(element);
            return;
        }
        long now = timers.getCurrentProcessingTime();
        if (buffer.add(
                table.coalesceKey(element), table.writeTimestampMicros(element), element, now)) {
            metrics.coalesced();
        }
        sendDue(now);
        scheduleNextDue();
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        drainBuffer();
        writes.awaitAll();
    }

    @Override
    public void close() throws Exception {
        LOG.debug(
                "Closing Cassandra writer for {}: {} writes, {} retries, {} failures",
                table.tableName(),
                metrics.writes(),
                metrics.retries(),
                metrics.failures());
        resources.close();
    }

    /** Elements buffered and not yet sent (for tests and diagnostics). */
    public int buffered() {
        return buffer.size();
    }

    /**
     * Writes every key whose window has passed since its first arrival, and the eldest keys beyond
     * max-keys. Writes so leave at the rate keys arrive, each about one window late, instead of in
     * bursts with the in-flight pipe idle between them.
     */
    private void sendDue(long now) throws IOException, InterruptedException {
        if (buffer.isEmpty()
                || (buffer.size() <= coalesceMaxKeys
                        && buffer.eldestArrivalMillis() + coalesceWindowMillis > now)) {
            return;
        }
        List<T> due = new ArrayList<>();
        while (!buffer.isEmpty()
                && (buffer.size() > coalesceMaxKeys
                        || buffer.eldestArrivalMillis() + coalesceWindowMillis
                                <= now + gatherAheadMillis)) {
            due.add(buffer.pollEldest());
        }
        sendAll(due);
    }

    /** One timer at a time, for the eldest key, so keys are written when input pauses too. */
    private void scheduleNextDue() {
        if (!timerPending && !buffer.isEmpty()) {
            timerPending = true;
            timers.registerTimer(
                    buffer.eldestArrivalMillis() + coalesceWindowMillis, this::onEldestDue);
        }
    }

    private void onEldestDue(long time) throws IOException, InterruptedException {
        timerPending = false;
        sendDue(Math.max(time, timers.getCurrentProcessingTime()));
        scheduleNextDue();
    }

    private void drainBuffer() throws IOException, InterruptedException {
        sendAll(buffer.drain());
    }

    /**
     * Sends the elements; rows of one replica group go together, in batches of at most the maximum
     * number of rows and {@link #BATCH_MAX_BYTES} of values. An element that is already a multi-row
     * batch (e.g. a whole recommendation list) goes alone: a {@link BatchStatement} is not a {@link
     * BatchableStatement}.
     */
    private void sendAll(List<T> elements) throws IOException, InterruptedException {
        Map<Object, Group<T>> groups = new LinkedHashMap<>();
        for (T element : elements) {
            Statement<?> statement = bind(element);
            if (statement == null) {
                continue;
            }
            Object key =
                    batchMaxStatements > 1
                                    && elements.size() > 1
                                    && statement instanceof BatchableStatement
                            ? statements.batchGroup(statement)
                            : null;
            if (key == null) {
                writes.submit(statement, element);
                continue;
            }
            int bytes = valueBytes(statement);
            Group<T> group = groups.computeIfAbsent(key, k -> new Group<>());
            if (!group.rows.isEmpty() && group.bytes + bytes > BATCH_MAX_BYTES) {
                submit(group.rows);
                group.clear();
            }
            group.add(new Bound<>(statement, element), bytes);
            if (group.rows.size() == batchMaxStatements) {
                submit(group.rows);
                group.clear();
            }
        }
        for (Group<T> group : groups.values()) {
            if (!group.rows.isEmpty()) {
                submit(group.rows);
            }
        }
    }

    /** Bytes of the bound values; 0 where they are not encoded yet (simple statements). */
    private static int valueBytes(Statement<?> statement) {
        if (!(statement instanceof BoundStatement bound)) {
            return 0;
        }
        int bytes = 0;
        for (ByteBuffer value : bound.getValues()) {
            bytes += value == null ? 0 : value.remaining();
        }
        return bytes;
    }

    private void submit(List<Bound<T>> rows) throws IOException, InterruptedException {
        if (rows.size() == 1) {
            writes.submit(rows.get(0).statement(), rows.get(0).element());
            return;
        }
        List<BatchableStatement<?>> parts = new ArrayList<>(rows.size());
        List<T> elements = new ArrayList<>(rows.size());
        for (Bound<T> row : rows) {
            parts.add((BatchableStatement<?>) row.statement());
            elements.add(row.element());
        }
        metrics.batched(rows.size());
        writes.submit(
                BatchStatement.newInstance(DefaultBatchType.UNLOGGED, parts).setIdempotent(true),
                new WriteBatch(elements));
    }

    private Statement<?> bind(T element) {
        try {
            return statements.statementFor(element);
        } catch (RuntimeException e) {
            metrics.failed();
            LOG.warn(
                    "Dropping element for table {} that could not be bound: {}",
                    table.tableName(),
                    WriteErrors.describe(e));
            return null;
        }
    }

    private void send(T element) throws IOException, InterruptedException {
        Statement<?> statement = bind(element);
        if (statement != null) {
            writes.submit(statement, element);
        }
    }

    private record Bound<T>(Statement<?> statement, T element) {}

    /** Rows of one replica group waiting to fill a batch. */
    private static final class Group<T> {
        private final List<Bound<T>> rows = new ArrayList<>();
        private int bytes;

        void add(Bound<T> row, int rowBytes) {
            rows.add(row);
            bytes += rowBytes;
        }

        void clear() {
            rows.clear();
            bytes = 0;
        }
    }
}
