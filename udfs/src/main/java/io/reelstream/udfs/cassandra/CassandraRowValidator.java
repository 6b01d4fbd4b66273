package io.reelstream.udfs.cassandra;

import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.deadletter.Rejection;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Runs {@link CassandraTable#validate} before the sink: valid elements go on, rejected ones (e.g. a
 * factor vector of the wrong dimension) become {@link DeadLetter}s on {@link #DEAD_LETTERS} and
 * move the {@code cassandra.<table>.rejected} counter, instead of failing or being retried forever.
 * Put it directly before {@link CassandraSink}, which has no side output.
 */
public final class CassandraRowValidator<T> extends ProcessFunction<T, T> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CassandraRowValidator.class);

    /** Rejected elements, as dead letters. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("cassandra-dead-letters") {};

    private final CassandraTable<T> table;
    private final String pipeline;
    private transient Counter rejected;

    /**
     * @param pipeline the job name written into dead letters
     */
    public CassandraRowValidator(CassandraTable<T> table, String pipeline) {
        this.table = table;
        this.pipeline = pipeline;
    }

    @Override
    public void open(OpenContext openContext) {
        rejected =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("cassandra")
                        .addGroup(table.tableName())
                        .counter("rejected");
    }

    @Override
    public void processElement(T element, Context ctx, Collector<T> out) {
        Optional<Rejection> rejection = table.validate(element);
        if (rejection.isEmpty()) {
            out.collect(element);
            return;
        }
        rejected.inc();
        LOG.warn(
                "Rejected element for table {}: {} ({})",
                table.tableName(),
                rejection.get().reason(),
                rejection.get().detail());
        ctx.output(DEAD_LETTERS, deadLetter(element, rejection.get(), ctx));
    }

    private DeadLetter deadLetter(T element, Rejection rejection, Context ctx) {
        Long timestamp = ctx.timestamp();
        return new DeadLetter(
                DeadLetter.CURRENT_VERSION,
                rejection.reason(),
                table.tableName() + ": " + rejection.detail(),
                pipeline,
                null,
                -1,
                -1L,
                timestamp == null ? -1L : timestamp,
                Base64.getEncoder()
                        .encodeToString(String.valueOf(element).getBytes(StandardCharsets.UTF_8)),
                System.currentTimeMillis());
    }
}
