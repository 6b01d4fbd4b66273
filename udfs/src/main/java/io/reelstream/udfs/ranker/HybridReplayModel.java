package io.reelstream.udfs.ranker;

import io.reelstream.udfs.covisit.CovisitLearner;
import io.reelstream.udfs.covisit.CovisitParams;
import io.reelstream.udfs.covisit.NextTitleCounts;
import io.reelstream.udfs.mf.DecayedCount;
import io.reelstream.udfs.mf.DecayedPopularity;
import io.reelstream.udfs.mf.MfHyperparameters;
import io.reelstream.udfs.mf.MfReplayModel;
import io.reelstream.udfs.mf.ReplayEvaluator;
import io.reelstream.udfs.mf.ReplayInteraction;
import io.reelstream.udfs.mf.ReplayModel;
import io.reelstream.udfs.mf.TopNSelector;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * The hybrid in prequential replay: MF, co-visitation and trending propose candidates, and a GBDT
 * ranker trained only on the past orders them. Every decision is logged with the features as they
 * were when it was made; the interaction the replay then reveals is its label. Every {@link
 * HybridParams#retrainEvery()} interactions the ranker is retrained from the decisions labelled so
 * far. Until the first model exists the sources are merged by {@link FixedBlend}.
 */
public final class HybridReplayModel implements ReplayModel {

    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 24 * HOUR_MS;
    private static final int RECENT_PLAYS = 256;

    private final HybridParams params;
    private final RankerTrainer trainer;
    private final MfReplayModel mf;
    private final CovisitLearner covisit;
    private final DecayedPopularity trending;
    private final NextTitleCounts nextTitles;
    private final DecayedPopularity allTime;
    private final DecayedPopularity daily = new DecayedPopularity(DAY_MS);
    private double dailyMass;
    private long dailyMassAsOf = Long.MIN_VALUE;
    private final TopNSelector sourceSelector;
    private final CandidatePool pool = new CandidatePool();
    private final RankingExamples examples = new RankingExamples(RankerFeatures.COUNT);
    private final Map<Integer, MemberTrace> members = new HashMap<>();
    private final Function<String, List<String>> genresOf;
    private final Map<String, Integer> genreIds = new HashMap<>();
    private int[][] titleGenres = new int[64][];
    private final Random sampling;
    private long[] firstSeen = new long[64];
    private float[] scores = new float[64];
    private int[] rows = new int[64];
    private double trendingMass;
    private long trendingMassAsOf = Long.MIN_VALUE;
    private long allTimeMass;
    private long decisionTime;
    private int pendingUser = -1;
    private long learned;
    private GbdtModel model;
    private long modelDecisions;
    private long blendDecisions;
    private long trainingNanos;
    private int retrains;

    public HybridReplayModel(
            HybridParams params,
            MfHyperparameters hp,
            CovisitParams covisitParams,
            RankerTrainer trainer) {
        this(params, hp, covisitParams, trainer, item -> List.of());
    }

    /**
     * @param genresOf a title's genres (from a catalog file; empty if unknown): the replay's source
     *     for the genre affinity feature
     */
    public HybridReplayModel(
            HybridParams params,
            MfHyperparameters hp,
            CovisitParams covisitParams,
            RankerTrainer trainer,
            Function<String, List<String>> genresOf) {
        this.genresOf = genresOf;
        this.params = params;
        this.trainer = trainer;
        this.mf = new MfReplayModel(hp);
        this.covisit = new CovisitLearner(covisitParams);
        this.trending = new DecayedPopularity(params.trendingHalfLifeMs());
        this.nextTitles =
                new NextTitleCounts(covisitParams.candidates(), covisitParams.halfLifeMs());
        this.allTime = new DecayedPopularity(Long.MAX_VALUE / 4);
        this.sourceSelector = new TopNSelector(params.candidatesPerSource());
        this.sampling = new Random(params.seed());
        Arrays.fill(firstSeen, Long.MIN_VALUE);
    }

    @Override
    public String name() {
        return "hybrid";
    }

    /** The current ranker, or null while the fixed blend ranks. */
    public GbdtModel model() {
        return model;
    }

    /** Labelled decisions logged so far. */
    public RankingExamples examples() {
        return examples;
    }

    public long modelDecisions() {
        return modelDecisions;
    }

    public long blendDecisions() {
        return blendDecisions;
    }

    /** Retrains so far and the wall time they took, ns. */
    public int retrains() {
        return retrains;
    }

    public long trainingNanos() {
        return trainingNanos;
    }

    @Override
    public void admit(int user, int item, ReplayInteraction interaction) {
        mf.admit(user, item, interaction);
        if (item >= titleGenres.length) {
            titleGenres = Arrays.copyOf(titleGenres, Math.max(item + 1, 2 * titleGenres.length));
        }
        if (titleGenres[item] == null) {
            titleGenres[item] =
                    genresOf.apply(interaction.item()).stream()
                            .mapToInt(g -> genreIds.computeIfAbsent(g, k -> genreIds.size()))
                            .toArray();
        }
        decisionTime = interaction.timestampMs();
    }

    @Override
    public int recommend(int user, TopNSelector selector, int n) {
        MemberTrace member = members.get(user);
        gatherCandidates(user, member);
        int m = pool.size();
        if (scores.length < m) {
            scores = new float[Math.max(m, 2 * scores.length)];
            rows = new int[scores.length];
        }
        float[] features = pool.features();
        if (model != null) {
            model.scoreAll(features, m, RankerFeatures.COUNT, scores);
        }
        for (int slot = 0; slot < m; slot++) {
            if (model == null) {
                scores[slot] = FixedBlend.score(features, slot * RankerFeatures.COUNT);
            }
            rows[slot] = pool.row(slot);
        }
        if (model != null) {
            modelDecisions++;
        } else {
            blendDecisions++;
        }
        pendingUser = user;
        return selector.selectRows(rows, scores, m, n);
    }

    @Override
    public void learn(int user, int item, ReplayInteraction interaction, boolean novel) {
        if (pendingUser == user) {
            logDecision(item);
        }
        pendingUser = -1;
        mf.learn(user, item, interaction, novel);
        long time = interaction.timestampMs();
        covisit.learn(user, item, interaction.weight(), time);
        MemberTrace member = members.computeIfAbsent(user, u -> new MemberTrace());
        if (interaction.weight() > 0) {
            trending.add(item, 1.0, time);
            allTime.add(item, 1.0, time);
            trendingMass =
                    DecayedCount.add(
                            trendingMass, trendingMassAsOf, 1.0, time, params.trendingHalfLifeMs());
            trendingMassAsOf = DecayedCount.asOfAfter(trendingMassAsOf, time);
            allTimeMass++;
            daily.add(item, 1.0, time);
            dailyMass = DecayedCount.add(dailyMass, dailyMassAsOf, 1.0, time, DAY_MS);
            dailyMassAsOf = DecayedCount.asOfAfter(dailyMassAsOf, time);
        }
        // A replayed log has no progress: the activity keeps plays and weights, no shows in
        // progress.
        member.activity.learn(item, interaction.weight(), Float.NaN, false, time, 1.0);
        if (novel && interaction.weight() > 0) {
            if (member.lastTitle >= 0) {
                nextTitles.learn(member.lastTitle, item, time);
            }
            member.lastTitle = item;
            member.genres.add(titleGenres[item]);
        }
        if (novel) {
            member.titles++;
            member.history = ReplayEvaluator.append(member.history, item);
        }
        markSeen(item, time);
        if (++learned % params.retrainEvery() == 0) {
            retrain();
        }
    }

    /** MF, co-visitation and trending top-N (the member's titles excluded) into the pool. */
    private void gatherCandidates(int user, MemberTrace member) {
        pool.clear();
        int[] history = member == null ? null : member.history;
        int excluded = history == null ? 0 : history[0];
        for (int h = 1; h <= excluded; h++) {
            sourceSelector.exclude(history[h]);
        }
        int n = params.candidatesPerSource();
        int k = mf.learner().hyperparameters().k();
        int count =
                sourceSelector.select(
                        mf.learner().users().factors(), user * k, mf.learner().items(), n);
        float best = count > 0 ? sourceSelector.score(0) : Float.NaN;
        offerAll(CandidateSource.MF, count);
        offerAll(CandidateSource.COVISIT, covisit.recommend(user, sourceSelector, n));
        offerAll(CandidateSource.TRENDING, trending.topDecayed(sourceSelector, decisionTime, n));
        for (int h = 1; h <= excluded; h++) {
            sourceSelector.clearExclusionOf(history[h]);
        }
        describeCandidates(user, member, best);
    }

    private void offerAll(CandidateSource source, int count) {
        for (int r = 0; r < count; r++) {
            pool.offer(sourceSelector.row(r), source, sourceSelector.score(r), r + 1);
        }
    }

    /** Every feature of every candidate, from the state before this interaction is learned. */
    private void describeCandidates(int user, MemberTrace member, float bestMf) {
        int[] window = covisit.recent(user);
        double trendingTotal =
                DecayedCount.valueAt(
                        trendingMass, trendingMassAsOf, decisionTime, params.trendingHalfLifeMs());
        double dailyTotal = DecayedCount.valueAt(dailyMass, dailyMassAsOf, decisionTime, DAY_MS);
        for (int slot = 0; slot < pool.size(); slot++) {
            int row = pool.row(slot);
            float mfScore = mf.learner().score(user, row);
            pool.set(slot, RankerFeatures.MF_SCORE, mfScore);
            pool.set(slot, RankerFeatures.MF_GAP, bestMf - mfScore);
            double maxSimilarity = 0;
            for (int title : window) {
                maxSimilarity = Math.max(maxSimilarity, covisit.similarity(title, row));
            }
            pool.set(slot, RankerFeatures.COVISIT_MAX_SIMILARITY, (float) maxSimilarity);
            pool.set(
                    slot,
                    RankerFeatures.COVISIT_LAST_SIMILARITY,
                    window.length == 0 ? 0f : (float) covisit.similarity(window[0], row));
            double trendShare =
                    trendingTotal > 0 ? trending.valueAt(row, decisionTime) / trendingTotal : 0;
            double popularShare = allTimeMass > 0 ? allTime.count(row) / (double) allTimeMass : 0;
            pool.setPopularity(slot, trendShare, popularShare);
            pool.set(
                    slot,
                    RankerFeatures.POPULARITY_DAY_SHARE,
                    dailyTotal > 0 ? (float) (daily.valueAt(row, decisionTime) / dailyTotal) : 0f);
            pool.set(
                    slot,
                    RankerFeatures.NEXT_AFTER_LAST,
                    member == null || member.lastTitle < 0
                            ? Float.NaN
                            : (float) nextTitles.probability(member.lastTitle, row, decisionTime));
            pool.set(
                    slot,
                    RankerFeatures.GENRE_AFFINITY,
                    member == null ? Float.NaN : member.genres.affinity(titleGenres[row]));
            pool.set(
                    slot,
                    RankerFeatures.MEMBER_LAST_WEIGHT,
                    member == null ? Float.NaN : member.activity.lastWeight());
            long seen = row < firstSeen.length ? firstSeen[row] : Long.MIN_VALUE;
            pool.set(
                    slot,
                    RankerFeatures.TITLE_AGE_DAYS,
                    seen == Long.MIN_VALUE ? Float.NaN : (decisionTime - seen) / (24f * HOUR_MS));
            pool.set(slot, RankerFeatures.MEMBER_TITLES, member == null ? 0 : member.titles);
            pool.set(
                    slot,
                    RankerFeatures.MEMBER_PLAYS_1H,
                    member == null ? 0 : member.activity.playsSince(decisionTime - HOUR_MS));
            pool.set(
                    slot,
                    RankerFeatures.MEMBER_PLAYS_24H,
                    member == null ? 0 : member.activity.playsSince(decisionTime - 24 * HOUR_MS));
        }
    }

    /**
     * Labels the pending decision with the title the member went on to (1, others 0) and logs it
     * with a seeded sample of the others; a decision whose candidates missed it teaches the ranker
     * nothing and is dropped.
     */
    private void logDecision(int item) {
        int positive = pool.slotOf(item);
        if (positive < 0) {
            return;
        }
        int m = pool.size();
        int[] slots = new int[m - 1];
        int s = 0;
        for (int slot = 0; slot < m; slot++) {
            if (slot != positive) {
                slots[s++] = slot;
            }
        }
        int keep = Math.min(params.negativesPerGroup(), slots.length);
        for (int i = 0; i < keep; i++) {
            int j = i + sampling.nextInt(slots.length - i);
            int swap = slots[i];
            slots[i] = slots[j];
            slots[j] = swap;
        }
        examples.beginGroup(decisionTime);
        examples.add(pool.features(), positive * RankerFeatures.COUNT, 1f);
        for (int i = 0; i < keep; i++) {
            examples.add(pool.features(), slots[i] * RankerFeatures.COUNT, 0f);
        }
    }

    private void retrain() {
        int groups = examples.groups();
        if (groups < params.minTrainingGroups()) {
            return;
        }
        int from = Math.max(0, groups - params.maxTrainingGroups());
        long start = System.nanoTime();
        GbdtModel trained = trainer.train(examples.slice(from, groups), "replay-" + learned);
        trainingNanos += System.nanoTime() - start;
        retrains++;
        if (!trained.featureNames().isEmpty()
                && !trained.featureNames().equals(RankerFeatures.NAMES)) {
            throw new IllegalStateException(
                    "trainer returned a model for other features: " + trained.featureNames());
        }
        model = trained;
    }

    private void markSeen(int item, long time) {
        if (item >= firstSeen.length) {
            int old = firstSeen.length;
            firstSeen = Arrays.copyOf(firstSeen, Math.max(item + 1, 2 * old));
            Arrays.fill(firstSeen, old, firstSeen.length, Long.MIN_VALUE);
        }
        if (firstSeen[item] == Long.MIN_VALUE || time < firstSeen[item]) {
            firstSeen[item] = time;
        }
    }

    /** What the replay knows of a member: distinct titles, recent plays and the latest weight. */
    private static final class MemberTrace {
        int[] history;
        int titles;
        int lastTitle = -1;
        final GenreProfile genres = new GenreProfile();
        final MemberActivity<Integer> activity = new MemberActivity<>(RECENT_PLAYS, 0);
    }
}
