package io.reelstream.udfs.recs;

/**
 * The published state of one show's model: written to the compacted item-factor topic (the user
 * side's replica) and to Cassandra {@code item_factors}.
 *
 * @param v version of this record's layout ({@link #CURRENT_VERSION})
 * @param showId the show
 * @param factors item factors (length k)
 * @param bias item bias
 * @param popularity time-decayed interaction count as of {@code popularityAsOf}
 * @param popularityAsOf event time the popularity is expressed at, epoch ms
 * @param interactions all-time positive interactions
 * @param modelVersion model generation that produced the factors
 * @param updatedAt wall-clock time of publication, epoch ms (replica staleness is measured from it)
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
        long updatedAt) {

    public static final int CURRENT_VERSION = 1;
}
