package io.reelstream.udfs.ranker;

/**
 * The ranking used while no trained model is available: weighted reciprocal-rank fusion of the
 * sources (Σ over proposing sources of w / (K + rank)), which needs no score calibration between
 * sources. Continue watching, which has no rank, counts as rank 1. The personal sources weigh 1;
 * trending, the one source that is not about the member, weighs {@link #TRENDING_WEIGHT}: it fills
 * the lists of members the personal sources know little about and breaks ties between the titles
 * they propose, but neither its head nor its agreement with a personal source's tail pushes a
 * member's own best titles out of the first ranks (at 0.5, a popular title at rank 30 of MF and 5
 * of trending still outranked MF's tenth).
 */
public final class FixedBlend {

    /** The usual fusion constant: damps the head so agreement between sources counts. */
    public static final float K = 60f;

    /** Weight of the trending source (the personal ones weigh 1). */
    public static final float TRENDING_WEIGHT = 0.1f;

    private FixedBlend() {}

    /** The blend score of a candidate's feature vector at {@code features[offset]}. */
    public static float score(float[] features, int offset) {
        float sum = 0f;
        for (CandidateSource source : CandidateSource.values()) {
            int column = source.rankFeature() >= 0 ? source.rankFeature() : source.scoreFeature();
            float value = features[offset + column];
            if (!Float.isNaN(value)) {
                float weight = source == CandidateSource.TRENDING ? TRENDING_WEIGHT : 1f;
                sum += weight / (K + (source.rankFeature() >= 0 ? value : 1f));
            }
        }
        return sum;
    }
}
