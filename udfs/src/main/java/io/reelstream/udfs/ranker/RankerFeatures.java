package io.reelstream.udfs.ranker;

import java.util.List;

/**
 * The ranker's feature set: the names and order of the features computed per (member, candidate),
 * versioned so a model trained on one layout is never scored against another. A model declares the
 * names it was trained with ({@link GbdtModel#featureNames()}); the serving side accepts it only if
 * they equal {@link #NAMES}. Features a context cannot know are NaN (missing): the trees route them
 * by their learned default direction.
 */
public final class RankerFeatures {

    /** Version of this layout; bump it with any change to {@link #NAMES}. */
    public static final int VERSION = 1;

    /** The source's score (MF: b_i + p·q; co-visitation: Σ vote·similarity; trending: share). */
    public static final int MF_SCORE = 0;

    /** 1-based rank in the MF top-N, NaN if MF did not propose the title. */
    public static final int MF_RANK = 1;

    /** The member's best MF score minus this title's: how far below the member's top it sits. */
    public static final int MF_GAP = 2;

    public static final int COVISIT_SCORE = 3;
    public static final int COVISIT_RANK = 4;

    /** The largest similarity to any one of the member's recent titles. */
    public static final int COVISIT_MAX_SIMILARITY = 5;

    /** Share of the short-half-life (trending) interaction mass that goes to the title. */
    public static final int TRENDING_SHARE = 6;

    public static final int TRENDING_RANK = 7;

    /** Share of all-time interactions that went to the title. */
    public static final int POPULARITY_SHARE = 8;

    /** log((trending share + ε) / (popularity share + ε)): rising above its usual level or not. */
    public static final int POPULARITY_TREND = 9;

    /** Fraction watched of a title the member has in progress (continue watching), else NaN. */
    public static final int CONTINUE_WATCHING_PROGRESS = 10;

    /** How many sources proposed the title. */
    public static final int SOURCE_COUNT = 11;

    /** Days since the title entered the catalog (or was first seen). */
    public static final int TITLE_AGE_DAYS = 12;

    /** Distinct titles the member has interacted with. */
    public static final int MEMBER_TITLES = 13;

    /** Member interactions (plays) in the last hour and 24 hours (fresh session features). */
    public static final int MEMBER_PLAYS_1H = 14;

    public static final int MEMBER_PLAYS_24H = 15;

    /** Share of the member's recent watching in the title's genres, NaN without genres. */
    public static final int GENRE_AFFINITY = 16;

    /** Hours since the member last watched any title of the candidate's series, NaN if never. */
    public static final int HOURS_SINCE_SERIES_WATCHED = 17;

    /**
     * Similarity to the member's latest title alone: what comes next after a show (its sequel, its
     * companion) co-occurs with that show, a signal the sum over the whole window dilutes.
     */
    public static final int COVISIT_LAST_SIMILARITY = 18;

    /**
     * P(the member's next new title is this one | their latest title), from what members started
     * next after that title: the directed sequence (a sequel after its original).
     */
    public static final int NEXT_AFTER_LAST = 19;

    /** Engagement weight of the member's latest interaction (a finished show leads elsewhere). */
    public static final int MEMBER_LAST_WEIGHT = 20;

    /**
     * Share of the last day's interaction mass (24 h half-life) that went to the title: between
     * trending (hours) and all-time, it tells a launch that is fading from one still rising.
     */
    public static final int POPULARITY_DAY_SHARE = 21;

    /** The feature names in column order (what a trained model must declare). */
    public static final List<String> NAMES =
            List.of(
                    "mf_score",
                    "mf_rank",
                    "mf_gap",
                    "covisit_score",
                    "covisit_rank",
                    "covisit_max_similarity",
                    "trending_share",
                    "trending_rank",
                    "popularity_share",
                    "popularity_trend",
                    "continue_watching_progress",
                    "source_count",
                    "title_age_days",
                    "member_titles",
                    "member_plays_1h",
                    "member_plays_24h",
                    "genre_affinity",
                    "hours_since_series_watched",
                    "covisit_last_similarity",
                    "next_after_last",
                    "member_last_weight",
                    "popularity_day_share");

    /** Number of features. */
    public static final int COUNT = NAMES.size();

    private RankerFeatures() {}
}
