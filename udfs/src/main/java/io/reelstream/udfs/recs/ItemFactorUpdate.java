package io.reelstream.udfs.recs;

/**
 * The published state of one show's model: written to the compacted item-factor topic (the user
 * side's replica) and to Cassandra {@code item_factors}; since version 2 it also carries the show's
 * co-visitation count and "watched together" neighbours, so the member side can attach n(s) to the
 * pairs it sends and serve co-visitation candidates.
 *
 * @param v version of this record's layout ({@link #CURRENT_VERSION}; 1 had no co-visitation)
 * @param showId the show
 * @param factors item factors (length k)
 * @param bias item bias
 * @param popularity time-decayed interaction count as of {@code popularityAsOf}
 * @param popularityAsOf event time the popularity is expressed at, epoch ms
 * @param interactions all-time positive interactions
 * @param modelVersion model generation that produced the factors
 * @param updatedAt wall-clock time of publication, epoch ms (replica staleness is measured from it)
 * @param covisitCount co-visitation item count n(t), time-decayed, as of {@code covisitCountAsOf}
 *     (0 when unknown)
 * @param covisitCountAsOf event time of {@code covisitCount}, epoch ms ({@code Long.MIN_VALUE} when
 *     unknown)
 * @param neighbours the show's top-K "watched together" neighbours, most similar first (may be null
 *     in state of version 1: read it through {@link #neighbourIds()})
 * @param similarities cosine similarity of each neighbour
 * @param dayPopularity since version 3: positive interactions decayed with a one-day half-life, as
 *     of {@code popularityAsOf} (0 when unknown)
 * @param nextShows since version 4: the shows members most often start next after this one, most
 *     probable first (may be null in state of older versions: read it through {@link
 *     #nextShowIds()})
 * @param nextProbabilities P(next = s | last = this show) of each of {@code nextShows}
 */
public record ItemFactorUpdate(
        int v,
        String showId,
        float[] factors,
        float bias,
        double popularity,
        long popularityAsOf,
        long interactions,
        long modelVersion,
        long updatedAt,
        double covisitCount,
        long covisitCountAsOf,
        String[] neighbours,
        float[] similarities,
        double dayPopularity,
        String[] nextShows,
        float[] nextProbabilities) {

    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;
    public static final int VERSION_3 = 3;
    public static final int CURRENT_VERSION = 4;

    private static final String[] NO_NEIGHBOURS = new String[0];
    private static final float[] NO_SIMILARITIES = new float[0];

    /** An update without co-visitation (layout 1, or a show no member window has reached). */
    public ItemFactorUpdate(
            int v,
            String showId,
            float[] factors,
            float bias,
            double popularity,
            long popularityAsOf,
            long interactions,
            long modelVersion,
            long updatedAt) {
        this(
                v,
                showId,
                factors,
                bias,
                popularity,
                popularityAsOf,
                interactions,
                modelVersion,
                updatedAt,
                0.0,
                Long.MIN_VALUE,
                NO_NEIGHBOURS,
                NO_SIMILARITIES,
                0.0,
                NO_NEIGHBOURS,
                NO_SIMILARITIES);
    }

    /** This update with the co-visitation state of layout 2. */
    public ItemFactorUpdate withCovisitation(
            double count, long countAsOf, String[] neighbourIds, float[] neighbourSimilarities) {
        return withLayoutFields(
                count,
                countAsOf,
                neighbourIds,
                neighbourSimilarities,
                dayPopularity,
                nextShows,
                nextProbabilities);
    }

    /** This update with the day popularity of layout 3. */
    public ItemFactorUpdate withDayPopularity(double day) {
        return withLayoutFields(
                covisitCount,
                covisitCountAsOf,
                neighbours,
                similarities,
                day,
                nextShows,
                nextProbabilities);
    }

    /** This update with the successors of layout 4. */
    public ItemFactorUpdate withNextShows(String[] shows, float[] probabilities) {
        return withLayoutFields(
                covisitCount,
                covisitCountAsOf,
                neighbours,
                similarities,
                dayPopularity,
                shows,
                probabilities);
    }

    /** The fields of layout 1 with the given fields of the later layouts. */
    private ItemFactorUpdate withLayoutFields(
            double count,
            long countAsOf,
            String[] neighbourIds,
            float[] neighbourSimilarities,
            double day,
            String[] shows,
            float[] probabilities) {
        return new ItemFactorUpdate(
                v,
                showId,
                factors,
                bias,
                popularity,
                popularityAsOf,
                interactions,
                modelVersion,
                updatedAt,
                count,
                countAsOf,
                neighbourIds,
                neighbourSimilarities,
                day,
                shows,
                probabilities);
    }

    /** The successors, empty (never null) when there are none or the layout predates them. */
    public String[] nextShowIds() {
        return nextShows == null || nextProbabilities == null ? NO_NEIGHBOURS : nextShows;
    }

    /** The probabilities of {@link #nextShowIds()}, same length. */
    public float[] nextShowProbabilities() {
        return nextShows == null || nextProbabilities == null ? NO_SIMILARITIES : nextProbabilities;
    }

    /** The neighbours, empty (never null) when there are none or the layout predates them. */
    public String[] neighbourIds() {
        return neighbours == null ? NO_NEIGHBOURS : neighbours;
    }

    /** The similarities of {@link #neighbourIds()}, same length. */
    public float[] neighbourSimilarities() {
        return neighbours == null || similarities == null ? NO_SIMILARITIES : similarities;
    }

    /** Whether the update carries a co-visitation count. */
    public boolean hasCovisitCount() {
        return covisitCount > 0 && covisitCountAsOf != Long.MIN_VALUE;
    }
}
