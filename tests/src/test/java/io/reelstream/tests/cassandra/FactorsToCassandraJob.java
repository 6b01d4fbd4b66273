package io.reelstream.tests.cassandra;

import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.udfs.cassandra.CassandraRowValidator;
import io.reelstream.udfs.cassandra.CassandraSink;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The shape every pipeline uses at its end, as a test job: source, {@link CassandraRowValidator}
 * (dead letters to a side output), {@link CassandraSink}. Source and sink come from the test.
 *
 * <pre>
 * factor-rows -> validate-factors --valid--> cassandra-sink
 *                                 `--dead letters--> returned to the test
 * </pre>
 */
final class FactorsToCassandraJob {

    private final Source<FactorRow, ?, ?> source;
    private final FactorsTestTable table;
    private final CassandraSink<FactorRow> sink;

    FactorsToCassandraJob(
            Source<FactorRow, ?, ?> source, FactorsTestTable table, CassandraSink<FactorRow> sink) {
        this.source = source;
        this.table = table;
        this.sink = sink;
    }

    /** Adds the job to {@code env}; returns the dead letters. */
    DataStream<DeadLetter> build(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<FactorRow> valid =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "factor-rows")
                        .uid("factor-rows")
                        .process(new CassandraRowValidator<>(table, "factors-itcase"))
                        .uid("validate-factors")
                        .name("Validate " + table.tableName());
        valid.sinkTo(sink).uid("cassandra-sink").name("Cassandra: " + table.tableName());
        return valid.getSideOutput(CassandraRowValidator.DEAD_LETTERS);
    }
}
