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
 * coalescing window counted from each key's first arrival (at most max-keys keys: beyond it the
 * eldest is written at once), sends asynchronously through {@link InFlightWrites} (bounded,
 * retried), and on {@link #flush} (before every checkpoint barrier and at end of input) waits for
 * every write: with idempotent timestamped writes this gives an exactly-once effect.
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
        while (!buffer.isEmpty()
                && (buffer.size() > coalesceMaxKeys
                        || buffer.eldestArrivalMillis() + coalesceWindowMillis <= now)) {
            send(buffer.pollEldest());
        }
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
