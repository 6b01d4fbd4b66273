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
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The item side of the online learner, keyed by show: applies the item halves of the pairwise steps
 * to the show's factors and bias, counts positive interactions into a time-decayed popularity
 * (trending), and publishes the show's state at most every publish interval (processing-time timer)
 * to the replica topic and Cassandra. A show starts from the same deterministic prior the user side
 * assumes for it. Item state is the model and is kept.
 */
public class ItemFactorFunction
        extends KeyedProcessFunction<String, ItemGradient, ItemFactorUpdate> {

    private static final long serialVersionUID = 1L;

    private final RecsSettings settings;

    private transient ValueState<ItemModelState> model;
    private transient Counter wrongDimension;
    private transient Counter published;

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
        wrongDimension =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("recs")
                        .counter("gradientWrongDimension");
        published = getRuntimeContext().getMetricGroup().addGroup("recs").counter("itemsPublished");
    }

    @Override
    public void processElement(ItemGradient gradient, Context ctx, Collector<ItemFactorUpdate> out)
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
        if (gradient.countsInteraction()) {
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
        long timer = state.pendingTimer();
        if (timer == 0) {
            long now = ctx.timerService().currentProcessingTime();
            long last = state.lastPublishedAt();
            timer = last == 0 ? now : Math.max(now, last + settings.publishIntervalMs());
            ctx.timerService().registerProcessingTimeTimer(timer);
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
                        timer));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ItemFactorUpdate> out)
            throws Exception {
        ItemModelState state = model.value();
        if (state == null || state.pendingTimer() != timestamp) {
            return;
        }
        out.collect(
                new ItemFactorUpdate(
                        ItemFactorUpdate.CURRENT_VERSION,
                        ctx.getCurrentKey(),
                        state.factors(),
                        state.bias(),
                        state.popularity(),
                        state.popularityAsOf(),
                        state.interactions(),
                        settings.modelVersion(),
                        timestamp));
        published.inc();
        model.update(
                new ItemModelState(
                        state.v(),
                        state.factors(),
                        state.bias(),
                        state.popularity(),
                        state.popularityAsOf(),
                        state.interactions(),
                        timestamp,
                        0));
    }

    private ItemModelState prior(String showId) {
        MfHyperparameters hp = settings.hyperparameters();
        float[] factors = new float[hp.k()];
        BprMath.prior(showId, hp.seed(), hp.initScale(), factors, 0, hp.k());
        return new ItemModelState(ItemModelState.CURRENT_VERSION, factors, 0f, 0.0, 0L, 0L, 0L, 0L);
    }
}
