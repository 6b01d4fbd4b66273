package io.reelstream.udfs.cassandra;

import io.reelstream.schemas.decode.Rejection;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

import com.datastax.oss.driver.api.core.cql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;

/**
 * Writes one subtask's elements to one table: validates (defensively; the {@link
 * CassandraRowValidator} before the sink dead-letters properly), coalesces per key for the
 * coalescing window, sends asynchronously through {@link InFlightWrites} (bounded, retried), and on
 * {@link #flush} (before every checkpoint barrier and at end of input) waits for every write: with
 * idempotent timestamped writes this gives an exactly-once effect.
 *
 * <p>Buffering and timers run on the task (mailbox) thread only; driver threads only complete
 * requests inside {@link InFlightWrites}.
 */
public final class CassandraSinkWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraSinkWriter.class);

    private final CassandraTable<T> table;
    private final StatementFactory<T> statements;
    private final InFlightWrites writes;
    private final CassandraSinkMetrics metrics;
    private final ProcessingTimeService timers;
    private final long coalesceWindowMillis;
    private final int coalesceMaxKeys;
    private final AutoCloseable resources;
    private final CoalescingBuffer<T> buffer = new CoalescingBuffer<>();
    private boolean timerPending;

    /**
     * @param resources closed with the writer (session, retry scheduler)
     */
    public CassandraSinkWriter(
            CassandraTable<T> table,
            CassandraOptions options,
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
        if (buffer.add(table.coalesceKey(element), table.writeTimestampMicros(element), element)) {
            metrics.coalesced();
        }
        if (buffer.size() >= coalesceMaxKeys) {
            drainBuffer();
        } else if (!timerPending) {
            timerPending = true;
            timers.registerTimer(
                    timers.getCurrentProcessingTime() + coalesceWindowMillis, this::onWindowEnd);
        }
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

    private void onWindowEnd(long time) throws IOException, InterruptedException {
        timerPending = false;
        drainBuffer();
    }

    private void drainBuffer() throws IOException, InterruptedException {
        for (T element : buffer.drain()) {
            send(element);
        }
    }

    private void send(T element) throws IOException, InterruptedException {
        Statement<?> statement;
        try {
            statement = statements.statementFor(element);
        } catch (RuntimeException e) {
            metrics.failed();
            LOG.warn(
                    "Dropping element for table {} that could not be bound: {}",
                    table.tableName(),
                    WriteErrors.describe(e));
            return;
        }
        writes.submit(statement, element);
    }
}
