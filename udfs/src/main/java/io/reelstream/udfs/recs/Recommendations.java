package io.reelstream.udfs.recs;

/**
 * A member's ranked recommendations (rank r is index r - 1), written as one partition of Cassandra
 * {@code recommendations}.
 *
 * @param v version of this record's layout ({@link #CURRENT_VERSION}; v2 added {@code sources} and
 *     {@code ranker}, migration V011)
 * @param userId member
 * @param showIds shows, best first
 * @param scores scores aligned with {@code showIds} (the ranker's)
 * @param sources per show, the {@link io.reelstream.udfs.ranker.CandidateSource#bit()}s of the
 *     sources that proposed it
 * @param ranker what ordered the list: the GBDT model version, or {@code blend} without a model
 * @param modelVersion MF model generation
 * @param generatedAt wall-clock time of generation, epoch ms
 */
public record Recommendations(
        int v,
        String userId,
        String[] showIds,
        float[] scores,
        int[] sources,
        String ranker,
        long modelVersion,
        long generatedAt) {

    public static final int CURRENT_VERSION = 2;

    public int size() {
        return showIds.length;
    }
}
