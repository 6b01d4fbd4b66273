package io.reelstream.udfs.ranker;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a candidate came from. A served list records, per title, the sources that proposed it; the
 * ranker sees each source's score and rank as features.
 */
public enum CandidateSource {
    /** Matrix factorization top-N ("close in taste"). */
    MF(RankerFeatures.MF_SCORE, RankerFeatures.MF_RANK),
    /** Item-to-item co-visitation from the member's recent titles ("watched together"). */
    COVISIT(RankerFeatures.COVISIT_SCORE, RankerFeatures.COVISIT_RANK),
    /** Time-decayed popularity. */
    TRENDING(RankerFeatures.TRENDING_SHARE, RankerFeatures.TRENDING_RANK),
    /** The member's in-progress titles. */
    CONTINUE_WATCHING(RankerFeatures.CONTINUE_WATCHING_PROGRESS, -1);

    private final int scoreFeature;
    private final int rankFeature;

    CandidateSource(int scoreFeature, int rankFeature) {
        this.scoreFeature = scoreFeature;
        this.rankFeature = rankFeature;
    }

    /** Column of the source's score in {@link RankerFeatures}. */
    public int scoreFeature() {
        return scoreFeature;
    }

    /** Column of the source's rank, or -1 if the source has no rank feature. */
    public int rankFeature() {
        return rankFeature;
    }

    /** This source's bit in a set of sources. */
    public int bit() {
        return 1 << ordinal();
    }

    /** The stored name of this source ({@code mf}, {@code covisit}, ...). */
    public String storedName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stored names of the sources in {@code bits}, in declaration order. */
    public static Set<String> storedNames(int bits) {
        Set<String> names = new LinkedHashSet<>();
        for (CandidateSource source : values()) {
            if ((bits & source.bit()) != 0) {
                names.add(source.storedName());
            }
        }
        return names;
    }
}
