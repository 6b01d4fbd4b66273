package io.reelstream.udfs.ranker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
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

    /** Every set of stored names, by its bits: written once per served row, so built once. */
    private static final List<Set<String>> NAMES_BY_BITS = namesByBits();

    /**
     * The stored names of the sources in {@code bits}, in declaration order (an unmodifiable set
     * shared by every caller).
     */
    public static Set<String> storedNames(int bits) {
        return NAMES_BY_BITS.get(bits & ((1 << values().length) - 1));
    }

    private static List<Set<String>> namesByBits() {
        CandidateSource[] sources = values();
        List<Set<String>> all = new ArrayList<>(1 << sources.length);
        for (int bits = 0; bits < 1 << sources.length; bits++) {
            Set<String> names = new LinkedHashSet<>();
            for (CandidateSource source : sources) {
                if ((bits & source.bit()) != 0) {
                    names.add(source.storedName());
                }
            }
            all.add(Collections.unmodifiableSet(names));
        }
        return List.copyOf(all);
    }
}
