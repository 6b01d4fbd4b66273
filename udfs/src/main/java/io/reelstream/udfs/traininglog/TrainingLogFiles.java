package io.reelstream.udfs.traininglog;

import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The training log on a file system (local, S3, HDFS: any Flink file system): Parquet files under
 * {@code dt=YYYY-MM-DD/} partitions of the decision's event-time date (UTC), written by Flink's
 * {@link FileSink}. Bulk files roll on checkpoints, so a file is visible once the checkpoint that
 * wrote it has completed (exactly once).
 */
public final class TrainingLogFiles {

    public static final String FILE_PREFIX = "training-log";
    public static final String FILE_SUFFIX = ".parquet";

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private TrainingLogFiles() {}

    /** The sink writing under {@code directory}. */
    public static FileSink<TrainingLogRow> sink(String directory) {
        return FileSink.forBulkFormat(new Path(directory), writerFactory())
                .withBucketAssigner(new DecisionDate())
                .withOutputFileConfig(
                        OutputFileConfig.builder()
                                .withPartPrefix(FILE_PREFIX)
                                .withPartSuffix(FILE_SUFFIX)
                                .build())
                .build();
    }

    /** Parquet writers of {@link TrainingLogSchema} rows. */
    public static BulkWriter.Factory<TrainingLogRow> writerFactory() {
        return new ParquetWriterFactory<>(out -> new Builder(out).build());
    }

    /** The partition of a decision: {@code dt=} its event-time date, UTC. */
    public static String partition(long decidedAt) {
        return "dt=" + DATE.format(Instant.ofEpochMilli(decidedAt));
    }

    /** Buckets rows by {@link #partition}. */
    static final class DecisionDate implements BucketAssigner<TrainingLogRow, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getBucketId(TrainingLogRow row, Context context) {
            return partition(row.decidedAt());
        }

        @Override
        public SimpleVersionedSerializer<String> getSerializer() {
            return SimpleVersionedStringSerializer.INSTANCE;
        }
    }

    /** A Parquet writer configured without Hadoop. */
    private static final class Builder extends ParquetWriter.Builder<TrainingLogRow, Builder> {
        Builder(OutputFile file) {
            super(file);
            withConf(new PlainParquetConfiguration());
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<TrainingLogRow> getWriteSupport(
                org.apache.parquet.conf.ParquetConfiguration conf) {
            return new TrainingLogWriteSupport();
        }

        @Override
        protected WriteSupport<TrainingLogRow> getWriteSupport(
                org.apache.hadoop.conf.Configuration conf) {
            return new TrainingLogWriteSupport();
        }
    }
}
