package io.reelstream.udfs.ranker;

/**
 * A ranker model version as published to the compacted model topic: the serving side swaps to it
 * without a restart. The model travels as XGBoost JSON and is parsed where it is served.
 *
 * @param v version of this record's layout ({@link #CURRENT_VERSION})
 * @param modelVersion the model's version, e.g. {@code gbdt-3f2a…}
 * @param featureSetVersion the {@link RankerFeatures#VERSION} it was trained on
 * @param modelJson the model in XGBoost's JSON format
 * @param publishedAt wall-clock publication time, epoch ms
 */
public record RankerModelUpdate(
        int v, String modelVersion, int featureSetVersion, byte[] modelJson, long publishedAt) {

    public static final int CURRENT_VERSION = 1;

    /** The Kafka key of every model record: one current model per topic (compaction keeps it). */
    public static final String KEY = "ranker";
}
