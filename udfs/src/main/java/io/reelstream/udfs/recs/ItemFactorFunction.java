package io.reelstream.udfs.recs;

import io.reelstream.udfs.mf.BprMath;
import io.reelstream.udfs.mf.DecayedCount;
import io.reelstream.udfs.mf.MfHyperparameters;
import io.reelstream.udfs.recs.model.RecsSettings;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The item side of the online learner, keyed by show: applies the item halves of the pairwise steps
 * to the show's factors and bias, counts positive interactions into a time-decayed popularity
 * (trending), and, from the members' co-visitation windows ({@link CovisitMessage}, second input),
 * keeps the show's co-visitation count, neighbour candidates and the shows members start next after
 * it ({@link TitleCovisit}). It publishes the show's state, with its top-K "watched together"
 * neighbours and its K most probable next shows, at most every publish interval (processing-time
 * timer) to the replica topic and Cassandra item_factors, and the neighbours to {@link
 * #SIMILAR_TITLES} when they changed visibly. A show starts from the same deterministic prior the
 * user side assumes for it. Item state is the model and is kept.
 */
public class ItemFactorFunction
        extends KeyedCoProcessFunction<String, ItemGradient, CovisitMessage, ItemFactorUpdate> {

    private static final long serialVersionUID = 1L;

    /** A show's "watched together" list for Cassandra similar_titles, when it changed visibly. */
    public static final OutputTag<SimilarTitles> SIMILAR_TITLES =
            new OutputTag<>("similar-titles", TypeInformation.of(SimilarTitles.class));

    private final RecsSettings settings;

    private transient ValueState<ItemModelState> model;
    private transient ValueState<TitleCovisitState> covisit;
    private transient Counter wrongDimension;
    private transient Counter published;
    private transient Counter similarWritten;

    public ItemFactorFunction(RecsSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        model =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "item-model", TypeInformation.of(ItemModelState.class)));
        covisit =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "title-covisit",
                                        TypeInformation.of(TitleCovisitState.class)));
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("recs");
        wrongDimension = group.counter("gradientWrongDimension");
        published = group.counter("itemsPublished");
        similarWritten = group.counter("similarTitlesWritten");
    }

    @Override
    public void processElement1(ItemGradient gradient, Context ctx, Collector<ItemFactorUpdate> out)
            throws Exception {
        MfHyperparameters hp = settings.hyperparameters();
        ItemModelState state = model.value();
        if (state == null) {
            state = prior(ctx.getCurrentKey());
        }
        float[] factors = state.factors();
        float bias = state.bias();
        if (gradient.userVector().length == hp.k()) {
            factors = factors.clone();
            BprMath.stepItem(
                    factors,
                    0,
                    gradient.userVector(),
                    0,
                    gradient.signedG(),
                    hp.learningRate(),
                    hp.regularization(),
                    hp.k());
            bias =
                    BprMath.stepBias(
                            bias,
                            gradient.signedG(),
                            hp.biasLearningRate(),
                            hp.biasRegularization());
        } else if (gradient.userVector().length != 0) {
            wrongDimension.inc();
            return;
        }
        double popularity = state.popularity();
        long asOf = state.popularityAsOf();
        long interactions = state.interactions();
        double dayPopularity = state.dayPopularity();
        if (gradient.countsInteraction()) {
            dayPopularity =
                    DecayedCount.add(
                            dayPopularity,
                            asOf,
                            1.0,
                            gradient.eventTime(),
                            ItemModelState.DAY_HALF_LIFE_MS);
            popularity =
                    DecayedCount.add(
                            popularity,
                            asOf,
                            1.0,
                            gradient.eventTime(),
                            settings.trendingHalfLifeMs());
            asOf = DecayedCount.asOfAfter(asOf, gradient.eventTime());
            interactions++;
        }
        model.update(
                new ItemModelState(
                        ItemModelState.CURRENT_VERSION,
                        factors,
                        bias,
                        popularity,
                        asOf,
                        interactions,
                        state.lastPublishedAt(),
                        publishTimer(state, ctx),
                        dayPopularity));
    }

    /** A member window's co-visitation changes for this show. */
    @Override
    public void processElement2(
            CovisitMessage message, Context ctx, Collector<ItemFactorUpdate> out) throws Exception {
        TitleCovisitState held = covisit.value();
        TitleCovisit title = TitleCovisit.restore(settings.covisit(), held);
        title.apply(message);
        covisit.update(title.toState(written(held)));
        ItemModelState state = model.value();
        if (state == null) {
            state = prior(ctx.getCurrentKey());
        }
        if (state.pendingTimer() == 0) {
            model.update(withTimer(state, state.lastPublishedAt(), publishTimer(state, ctx)));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ItemFactorUpdate> out)
            throws Exception {
        ItemModelState state = model.value();
        if (state == null || state.pendingTimer() != timestamp) {
            return;
        }
        String showId = ctx.getCurrentKey();
        TitleCovisitState held = covisit.value();
        TitleCovisit title = TitleCovisit.restore(settings.covisit(), held);
        SimilarList top = held == null ? SimilarList.EMPTY : title.top();
        SimilarList next =
                held == null
                        ? SimilarList.EMPTY
                        : title.topSuccessors(settings.covisit().neighbours());
        out.collect(
                new ItemFactorUpdate(
                        ItemFactorUpdate.CURRENT_VERSION,
                        showId,
                        state.factors(),
                        state.bias(),
                        state.popularity(),
                        state.popularityAsOf(),
                        state.interactions(),
                        settings.modelVersion(),
                        timestamp,
                        title.count(),
                        title.countAsOf(),
                        top.neighbours(),
                        top.similarities(),
                        state.dayPopularity(),
                        next.neighbours(),
                        next.similarities()));
        published.inc();
        if (held != null && top.differsVisiblyFrom(written(held))) {
            ctx.output(
                    SIMILAR_TITLES,
                    new SimilarTitles(
                            SimilarTitles.CURRENT_VERSION,
                            showId,
                            top.neighbours(),
                            top.similarities(),
                            title.count(),
                            settings.modelVersion(),
                            timestamp));
            similarWritten.inc();
            covisit.update(title.toState(top));
        }
        model.update(withTimer(state, timestamp, 0));
    }

    /** The pending publication timer, registering one if none is pending. */
    private long publishTimer(ItemModelState state, Context ctx) {
        long timer = state.pendingTimer();
        if (timer == 0) {
            long now = ctx.timerService().currentProcessingTime();
            long last = state.lastPublishedAt();
            timer = last == 0 ? now : Math.max(now, last + settings.publishIntervalMs());
            ctx.timerService().registerProcessingTimeTimer(timer);
        }
        return timer;
    }

    private static SimilarList written(TitleCovisitState held) {
        return held == null
                ? SimilarList.EMPTY
                : SimilarList.of(held.written(), held.writtenSimilarities());
    }

    private static ItemModelState withTimer(ItemModelState state, long publishedAt, long timer) {
        return new ItemModelState(
                state.v(),
                state.factors(),
                state.bias(),
                state.popularity(),
                state.popularityAsOf(),
                state.interactions(),
                publishedAt,
                timer,
                state.dayPopularity());
    }

    private ItemModelState prior(String showId) {
        MfHyperparameters hp = settings.hyperparameters();
        float[] factors = new float[hp.k()];
        BprMath.prior(showId, hp.seed(), hp.initScale(), factors, 0, hp.k());
        return new ItemModelState(
                ItemModelState.CURRENT_VERSION, factors, 0f, 0.0, 0L, 0L, 0L, 0L, 0.0);
    }
}
