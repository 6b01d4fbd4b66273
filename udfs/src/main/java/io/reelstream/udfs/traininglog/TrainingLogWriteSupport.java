package io.reelstream.udfs.traininglog;

import io.reelstream.udfs.ranker.RankerFeatures;

import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

import java.util.Map;

/** Writes {@link TrainingLogRow}s as {@link TrainingLogSchema} rows, without Hadoop. */
final class TrainingLogWriteSupport extends WriteSupport<TrainingLogRow> {

    private final MessageType schema = TrainingLogSchema.of(RankerFeatures.NAMES);
    private RecordConsumer out;

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(
                schema,
                Map.of(
                        TrainingLogSchema.VERSION_KEY,
                        Integer.toString(TrainingLogSchema.VERSION),
                        TrainingLogSchema.FEATURE_SET_KEY,
                        Integer.toString(RankerFeatures.VERSION)));
    }

    @Override
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
        return init((ParquetConfiguration) null);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(TrainingLogRow row) {
        out.startMessage();
        int f = 0;
        integer(f++, "v", row.v());
        string(f++, "decision_id", row.decisionId());
        string(f++, "member_id", row.memberId());
        int64(f++, "decided_at", row.decidedAt());
        int64(f++, "label_closed_at", row.labelClosedAt());
        string(f++, "model_version", row.modelVersion());
        integer(f++, "feature_set_version", row.featureSetVersion());
        string(f++, "show_id", row.showId());
        integer(f++, "sources", row.sources());
        integer(f++, "position", row.position());
        out.startField("label", f);
        out.addFloat(row.label());
        out.endField("label", f++);
        float[] features = row.features();
        for (int c = 0; c < RankerFeatures.COUNT; c++, f++) {
            float value = c < features.length ? features[c] : Float.NaN;
            if (!Float.isNaN(value)) {
                String name = schema.getFieldName(f);
                out.startField(name, f);
                out.addFloat(value);
                out.endField(name, f);
            }
        }
        out.endMessage();
    }

    private void integer(int index, String name, int value) {
        out.startField(name, index);
        out.addInteger(value);
        out.endField(name, index);
    }

    private void int64(int index, String name, long value) {
        out.startField(name, index);
        out.addLong(value);
        out.endField(name, index);
    }

    private void string(int index, String name, String value) {
        out.startField(name, index);
        out.addBinary(Binary.fromString(value));
        out.endField(name, index);
    }
}
