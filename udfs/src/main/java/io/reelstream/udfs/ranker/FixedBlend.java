package io.reelstream.udfs.ranker;

/**
 * The ranking used while no trained model is available: reciprocal-rank fusion of the sources (Σ
 * over proposing sources of 1 / (K + rank)), which needs no score calibration between sources.
 * Continue watching, which has no rank, counts as rank 1.
 */
public final class FixedBlend {

    /** The usual fusion constant: damps the head so agreement between sources counts. */
    public static final float K = 60f;

    private FixedBlend() {}

    /** The blend score of a candidate's feature vector at {@code features[offset]}. */
    public static float score(float[] features, int offset) {
        float sum = 0f;
        for (CandidateSource source : CandidateSource.values()) {
            int column = source.rankFeature() >= 0 ? source.rankFeature() : source.scoreFeature();
            float value = features[offset + column];
            if (!Float.isNaN(value)) {
                sum += 1f / (K + (source.rankFeature() >= 0 ? value : 1f));
            }
        }
        return sum;
    }
}
