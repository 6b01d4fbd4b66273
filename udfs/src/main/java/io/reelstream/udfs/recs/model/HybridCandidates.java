package io.reelstream.udfs.recs.model;

import io.reelstream.udfs.covisit.CovisitCandidates;
import io.reelstream.udfs.covisit.CovisitWindow;
import io.reelstream.udfs.mf.BprMath;
import io.reelstream.udfs.mf.FactorMatrix;
import io.reelstream.udfs.mf.TopNSelector;
import io.reelstream.udfs.ranker.CandidatePool;
import io.reelstream.udfs.ranker.CandidateSource;
import io.reelstream.udfs.ranker.GenreProfile;
import io.reelstream.udfs.ranker.MemberActivity;
import io.reelstream.udfs.ranker.RankerFeatures;
import io.reelstream.udfs.recs.CandidateSet;
import io.reelstream.udfs.recs.UserModelState;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The member side's half of the hybrid: MF, co-visitation and trending candidates for one member
 * from the item replica, and the member's shows in progress (continue watching), with the {@link
 * RankerFeatures} the ranking operator scores, computed as the replay's hybrid computes them
 * (next-after-last and the co-visitation similarities from the lists the replica carries, so a show
 * beyond a list's top K counts 0). Genres and title age come from the catalog ({@link
 * ShowCatalog}). New titles (fewer interactions than {@link RecsSettings#newTitleInteractions()})
 * are flagged, and the best of them by the member's MF score join the MF candidates even below its
 * top N, so the ranking operator can give them the list's exploration slots. One per operator
 * instance; reuses buffers.
 */
public final class HybridCandidates {

    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 24 * HOUR_MS;

    private final RecsSettings settings;
    private final int perSource;
    private final TopNSelector selector;
    private final CovisitCandidates covisit;
    private final CandidatePool pool = new CandidatePool();
    private final TopNSelector newTitles;
    private int[] newRows = new int[64];
    private float[] newScores = new float[64];

    public HybridCandidates(RecsSettings settings, int perSource) {
        this.settings = settings;
        this.perSource = perSource;
        this.selector = new TopNSelector(perSource);
        this.covisit = new CovisitCandidates(settings.covisit());
        this.newTitles = new TopNSelector(Math.max(1, settings.explorationSlots()));
    }

    /**
     * The member's candidates at decision time {@code decidedAt}: MF, co-visitation and trending
     * with the member's history excluded, and the member's shows in progress (continue watching).
     */
    public CandidateSet gather(
            String memberId,
            UserModelState state,
            CovisitWindow<String> window,
            MemberActivity<String> activity,
            ItemReplica replica,
            ShowCatalog catalog,
            long decidedAt,
            long generatedAt) {
        pool.clear();
        FactorMatrix items = replica.matrix();
        Set<String> seen = new HashSet<>(Arrays.asList(state.history()));
        int[] excluded = new int[state.history().length];
        int e = 0;
        for (String show : state.history()) {
            int row = replica.rowOf(show);
            if (row >= 0) {
                selector.exclude(row);
                excluded[e++] = row;
            }
        }
        try {
            boolean model = state.positives() >= settings.minPositivesForModel();
            float best = Float.NaN;
            if (model) {
                int count = selector.select(state.factors(), 0, items, perSource);
                best = count > 0 ? selector.score(0) : Float.NaN;
                offer(CandidateSource.MF, count);
                offerNewTitles(state.factors(), replica, count);
            }
            List<CovisitCandidates.Scored> together =
                    covisit.candidates(window, replica, seen, perSource);
            for (int r = 0; r < together.size(); r++) {
                int row = replica.rowOf(together.get(r).showId());
                if (row >= 0) {
                    pool.offer(row, CandidateSource.COVISIT, together.get(r).score(), r + 1);
                }
            }
            offer(
                    CandidateSource.TRENDING,
                    replica.trending(selector, settings.trendingHalfLifeMs(), perSource));
            offerInProgress(activity, replica, decidedAt);
            describe(state, window, replica, model ? best : Float.NaN);
            describeMember(activity, decidedAt);
            describeFromCatalog(window, replica, catalog, decidedAt);
        } finally {
            for (int x = 0; x < e; x++) {
                selector.clearExclusionOf(excluded[x]);
            }
        }
        int n = pool.size();
        String[] shows = new String[n];
        int[] sources = new int[n];
        boolean[] isNew = new boolean[n];
        for (int slot = 0; slot < n; slot++) {
            shows[slot] = items.id(pool.row(slot));
            sources[slot] = pool.sources(slot);
            isNew[slot] = isNew(replica, pool.row(slot));
        }
        return new CandidateSet(
                CandidateSet.CURRENT_VERSION,
                memberId,
                decidedAt,
                generatedAt,
                shows,
                sources,
                isNew,
                Arrays.copyOf(pool.features(), n * RankerFeatures.COUNT));
    }

    private boolean isNew(ItemReplica replica, int row) {
        return replica.interactions(row) < settings.newTitleInteractions();
    }

    /**
     * Offers the best new titles by MF score (the selector's exclusions hold the member's history)
     * as MF candidates ranked after the top N, so that each list has new titles to explore with.
     */
    private void offerNewTitles(float[] user, ItemReplica replica, int mfCount) {
        int slots = settings.explorationSlots();
        if (slots == 0) {
            return;
        }
        FactorMatrix items = replica.matrix();
        int k = items.k();
        int found = 0;
        for (int row = 0; row < items.size(); row++) {
            if (!isNew(replica, row) || selector.isExcluded(row)) {
                continue;
            }
            if (found == newRows.length) {
                newRows = Arrays.copyOf(newRows, found * 2);
                newScores = Arrays.copyOf(newScores, found * 2);
            }
            newRows[found] = row;
            newScores[found++] =
                    items.bias(row) + BprMath.dot(user, 0, items.factors(), row * k, k);
        }
        int best = newTitles.selectRows(newRows, newScores, found, slots);
        int rank = mfCount;
        for (int r = 0; r < best; r++) {
            int slot = pool.slotOf(newTitles.row(r));
            if (slot < 0 || (pool.sources(slot) & CandidateSource.MF.bit()) == 0) {
                pool.offer(newTitles.row(r), CandidateSource.MF, newTitles.score(r), ++rank);
            }
        }
    }

    /**
     * The member's shows in progress that the replica knows, most recently watched first, scored by
     * progress (0 when the runtime was unknown), with the hours since each was last watched (NaN
     * for every other candidate: never watched). They are in the member's history, so no other
     * source proposes them.
     */
    private void offerInProgress(MemberActivity<String> activity, ItemReplica replica, long now) {
        for (int i = 0; i < activity.inProgressCount(); i++) {
            int row = replica.rowOf(activity.inProgressShow(i));
            if (row >= 0) {
                float progress = activity.progress(i);
                int slot =
                        pool.offer(
                                row,
                                CandidateSource.CONTINUE_WATCHING,
                                Float.isNaN(progress) ? 0f : progress,
                                i + 1);
                pool.set(
                        slot,
                        RankerFeatures.HOURS_SINCE_SERIES_WATCHED,
                        Math.max(0f, (now - activity.watchedAt(i)) / (float) HOUR_MS));
            }
        }
    }

    /** The member's own features: plays in the last hour and day, the latest weight. */
    private void describeMember(MemberActivity<String> activity, long now) {
        float plays1h = activity.playsSince(now - HOUR_MS);
        float plays24h = activity.playsSince(now - DAY_MS);
        for (int slot = 0; slot < pool.size(); slot++) {
            pool.set(slot, RankerFeatures.MEMBER_PLAYS_1H, plays1h);
            pool.set(slot, RankerFeatures.MEMBER_PLAYS_24H, plays24h);
            pool.set(slot, RankerFeatures.MEMBER_LAST_WEIGHT, activity.lastWeight());
        }
    }

    /**
     * Genre affinity (the share of the member's recent shows, their co-visitation window, in the
     * candidate's genres) and title age (days since the show was first listed in the catalog).
     */
    private void describeFromCatalog(
            CovisitWindow<String> window, ItemReplica replica, ShowCatalog catalog, long now) {
        GenreProfile recent = new GenreProfile();
        for (int w = Math.max(0, window.size() - GenreProfile.WINDOW); w < window.size(); w++) {
            recent.add(catalog.genresOf(window.title(w)));
        }
        for (int slot = 0; slot < pool.size(); slot++) {
            ShowCatalog.Entry show = catalog.entry(replica.matrix().id(pool.row(slot)));
            pool.set(slot, RankerFeatures.GENRE_AFFINITY, recent.affinity(show.genreIds()));
            if (show.listedAt() != Long.MIN_VALUE) {
                pool.set(
                        slot,
                        RankerFeatures.TITLE_AGE_DAYS,
                        Math.max(0f, (now - show.listedAt()) / (float) DAY_MS));
            }
        }
    }

    private void offer(CandidateSource source, int count) {
        for (int r = 0; r < count; r++) {
            pool.offer(selector.row(r), source, selector.score(r), r + 1);
        }
    }

    private void describe(
            UserModelState state, CovisitWindow<String> window, ItemReplica replica, float best) {
        FactorMatrix items = replica.matrix();
        int k = items.k();
        for (int slot = 0; slot < pool.size(); slot++) {
            int row = pool.row(slot);
            if (!Float.isNaN(best)) {
                float score =
                        items.bias(row)
                                + BprMath.dot(state.factors(), 0, items.factors(), row * k, k);
                pool.set(slot, RankerFeatures.MF_SCORE, score);
                pool.set(slot, RankerFeatures.MF_GAP, best - score);
            }
            pool.set(slot, RankerFeatures.COVISIT_MAX_SIMILARITY, 0f);
            pool.set(slot, RankerFeatures.COVISIT_LAST_SIMILARITY, 0f);
            // Shares as the trending pass of this decision computed them: no second catalog pass.
            pool.setPopularity(slot, replica.trendingShare(row), replica.interactionShare(row));
            pool.set(slot, RankerFeatures.POPULARITY_DAY_SHARE, (float) replica.dayShare(row));
            pool.set(slot, RankerFeatures.MEMBER_TITLES, state.history().length);
            if (state.lastNewShow() != null) {
                pool.set(slot, RankerFeatures.NEXT_AFTER_LAST, 0f);
            }
        }
        if (state.lastNewShow() != null) {
            String[] next = replica.nextShowsOf(state.lastNewShow());
            float[] probabilities = replica.nextProbabilitiesOf(state.lastNewShow());
            for (int i = 0; i < Math.min(next.length, probabilities.length); i++) {
                int row = next[i] == null ? -1 : replica.rowOf(next[i]);
                int slot = row < 0 ? -1 : pool.slotOf(row);
                if (slot >= 0) {
                    pool.set(slot, RankerFeatures.NEXT_AFTER_LAST, probabilities[i]);
                }
            }
        }
        // Each recent title's neighbour list is walked once, not once per candidate.
        for (int w = 0; w < window.size(); w++) {
            boolean latest = w == window.size() - 1;
            String[] neighbours = replica.neighboursOf(window.title(w));
            float[] similarities = replica.similaritiesOf(window.title(w));
            for (int i = 0; i < Math.min(neighbours.length, similarities.length); i++) {
                int row = neighbours[i] == null ? -1 : replica.rowOf(neighbours[i]);
                int slot = row < 0 ? -1 : pool.slotOf(row);
                if (slot < 0) {
                    continue;
                }
                float sim = similarities[i];
                if (sim > pool.get(slot, RankerFeatures.COVISIT_MAX_SIMILARITY)) {
                    pool.set(slot, RankerFeatures.COVISIT_MAX_SIMILARITY, sim);
                }
                if (latest) {
                    pool.set(slot, RankerFeatures.COVISIT_LAST_SIMILARITY, sim);
                }
            }
        }
    }
}
