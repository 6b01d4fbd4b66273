package io.reelstream.udfs.traininglog;

import io.reelstream.udfs.ranker.RankerFeatures;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.util.List;

/**
 * The training log's Parquet schema, version 1: one row per candidate of a decision, flat columns a
 * standard tool reads as a table. Each feature is its own nullable float column named {@code
 * f_<feature name>} (null = missing); the file's key-value metadata carries the log version and the
 * feature-set version.
 */
public final class TrainingLogSchema {

    public static final int VERSION = 1;

    /** Key-value metadata: the log layout version. */
    public static final String VERSION_KEY = "reelstream.training-log.version";

    /** Key-value metadata: the feature-set version of the feature columns. */
    public static final String FEATURE_SET_KEY = "reelstream.feature-set.version";

    public static final String FEATURE_PREFIX = "f_";

    private TrainingLogSchema() {}

    /** The schema for {@code featureNames} (today {@link RankerFeatures#NAMES}). */
    public static MessageType of(List<String> featureNames) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        b.required(PrimitiveTypeName.INT32).named("v");
        b.required(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named("decision_id");
        b.required(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named("member_id");
        b.required(PrimitiveTypeName.INT64)
                .as(
                        LogicalTypeAnnotation.timestampType(
                                true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                .named("decided_at");
        b.required(PrimitiveTypeName.INT64)
                .as(
                        LogicalTypeAnnotation.timestampType(
                                true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                .named("label_closed_at");
        b.required(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named("model_version");
        b.required(PrimitiveTypeName.INT32).named("feature_set_version");
        b.required(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named("show_id");
        b.required(PrimitiveTypeName.INT32).named("sources");
        b.required(PrimitiveTypeName.INT32).named("position");
        b.required(PrimitiveTypeName.FLOAT).named("label");
        for (String name : featureNames) {
            b.optional(PrimitiveTypeName.FLOAT).named(FEATURE_PREFIX + name);
        }
        return b.named("training_log");
    }

    /** Index of the first feature column. */
    public static final int FIRST_FEATURE_FIELD = 11;
}
