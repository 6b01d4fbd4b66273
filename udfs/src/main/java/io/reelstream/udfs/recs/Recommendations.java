package io.reelstream.udfs.recs;

/**
 * A member's ranked recommendations (rank r is index r - 1), written as one partition of Cassandra
 * {@code recommendations}.
 *
 * @param v version of this record's layout ({@link #CURRENT_VERSION})
 * @param userId member
 * @param showIds shows, best first
 * @param scores scores aligned with {@code showIds}
 * @param source {@link #MODEL} or {@link #TRENDING}
 * @param modelVersion model generation
 * @param generatedAt wall-clock time of generation, epoch ms
 */
public record Recommendations(
        int v,
        String userId,
        String[] showIds,
        float[] scores,
        String source,
        long modelVersion,
        long generatedAt) {

    public static final int CURRENT_VERSION = 1;
    public static final String MODEL = "model";
    public static final String TRENDING = "trending";

    public int size() {
        return showIds.length;
    }
}
