package io.reelstream.udfs.recs;

import io.reelstream.udfs.covisit.CovisitWindow;
import io.reelstream.udfs.mf.BprMath;
import io.reelstream.udfs.mf.ItemGradientSink;
import io.reelstream.udfs.mf.MfHyperparameters;
import io.reelstream.udfs.mf.NegativeSampler;
import io.reelstream.udfs.mf.PairwiseUpdater;
import io.reelstream.udfs.ranker.MemberActivity;
import io.reelstream.udfs.recs.model.HybridCandidates;
import io.reelstream.udfs.recs.model.ItemReplica;
import io.reelstream.udfs.recs.model.RecsSettings;
import io.reelstream.udfs.recs.model.ShowCatalog;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * The user side of the online learner, keyed by member. Each interaction takes BPR steps on the
 * member's factors (keyed state) against the item replica (broadcast state fed from the compacted
 * item-factor topic) and sends the item halves of the steps to the item side ({@link
 * #ITEM_GRADIENTS}). After a member learns, at most once per debounce interval (processing-time
 * timer), it gathers the member's candidates with their ranker features ({@link HybridCandidates}:
 * MF, co-visitation and trending) for the ranking operator and emits the member's factors ({@link
 * #USER_FACTORS}). It also keeps the member's co-visitation window ({@link CovisitWindow}, last
 * distinct positive shows with their dates) and sends what a positive interaction changes in it to
 * the title side ({@link #COVISIT}, keyed by show downstream): n(t) changes and pairs, each pair
 * with the other show's n from the replica, so as fresh as the replica; a new positive show also
 * goes to the member's previous new show as its successor. And it keeps the member's {@link
 * MemberActivity} (recent plays, latest weight, shows in progress): the member features and the
 * continue-watching source of the candidates. Its broadcast input ({@link MemberSideBroadcast})
 * carries the item replica and the catalog by show ({@link #CATALOG_SHOWS}: genres and listing
 * date, for genre affinity and title age).
 *
 * <p>Metrics (group {@code recs}): {@code itemReplicaStalenessMs} (age of the newest replica update
 * when it arrived), {@code itemReplicaSize}, {@code onlineBprLoss} (the pairwise log-loss of each
 * interaction before learning from it, exponentially smoothed over about the last {@code 1 /
 * LOSS_SMOOTHING} interactions of the subtask; NaN until the first step), {@code
 * interactionsLearned}, {@code recommendationsModel} (decisions with MF candidates), {@code
 * recommendationsTrending} (decisions of members with too little history for MF), {@code
 * replicaWrongDimension}.
 */
public class UserFactorFunction
        extends KeyedBroadcastProcessFunction<
                String, Interaction, MemberSideBroadcast, CandidateSet>
        implements ItemGradientSink {

    private static final long serialVersionUID = 1L;

    /** The replica of item factors: show id → newest published update. */
    public static final MapStateDescriptor<String, ItemFactorUpdate> ITEM_REPLICA =
            new MapStateDescriptor<>(
                    "item-replica", Types.STRING, TypeInformation.of(ItemFactorUpdate.class));

    /** The catalog by show (genres, first listed): show id → merged description. */
    public static final MapStateDescriptor<String, CatalogShow> CATALOG_SHOWS =
            new MapStateDescriptor<>(
                    "catalog-shows", Types.STRING, TypeInformation.of(CatalogShow.class));

    public static final OutputTag<ItemGradient> ITEM_GRADIENTS =
            new OutputTag<>("item-gradients", TypeInformation.of(ItemGradient.class));

    /** Co-visitation changes for the title side (keyed by show downstream). */
    public static final OutputTag<CovisitMessage> COVISIT =
            new OutputTag<>("covisit", TypeInformation.of(CovisitMessage.class));

    public static final OutputTag<UserFactorsRow> USER_FACTORS =
            new OutputTag<>("user-factors", TypeInformation.of(UserFactorsRow.class));

    private static final int RECENT_ITEMS = 4096;

    /** Weight of the newest interaction in the {@code onlineBprLoss} gauge. */
    static final double LOSS_SMOOTHING = 0.01;

    private final RecsSettings settings;
    private final int candidatesPerSource;

    private transient ValueState<UserModelState> model;
    private transient ValueState<CovisitWindowState> covisitWindow;
    private transient ValueState<MemberActivityState> activity;
    private transient CovisitMessages covisitMessages;
    private transient ReadOnlyContext covisitContext;
    private transient ItemReplica replica;
    private transient ShowCatalog catalog;
    private transient boolean catalogLoaded;
    private transient PairwiseUpdater updater;
    private transient int[] historyRows;
    private transient HybridCandidates candidates;
    private transient ReadOnlyContext gradientContext;
    private transient long gradientEventTime;
    private transient volatile long stalenessMs;
    private transient volatile double onlineLoss;
    private transient Counter learned;
    private transient Counter modelLists;
    private transient Counter trendingLists;
    private transient Counter wrongDimension;

    /**
     * @param settings the model and serving settings
     * @param candidatesPerSource candidates each source proposes per decision
     */
    public UserFactorFunction(RecsSettings settings, int candidatesPerSource) {
        if (candidatesPerSource <= 0) {
            throw new IllegalArgumentException("candidatesPerSource must be positive");
        }
        this.settings = settings;
        this.candidatesPerSource = candidatesPerSource;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<UserModelState> descriptor =
                new ValueStateDescriptor<>("user-model", TypeInformation.of(UserModelState.class));
        descriptor.enableTimeToLive(
                StateTtlConfig.newBuilder(Duration.ofMillis(settings.userStateTtlMs())).build());
        model = getRuntimeContext().getState(descriptor);
        ValueStateDescriptor<CovisitWindowState> window =
                new ValueStateDescriptor<>(
                        "covisit-window", TypeInformation.of(CovisitWindowState.class));
        window.enableTimeToLive(
                StateTtlConfig.newBuilder(Duration.ofMillis(settings.userStateTtlMs())).build());
        covisitWindow = getRuntimeContext().getState(window);
        ValueStateDescriptor<MemberActivityState> memberActivity =
                new ValueStateDescriptor<>(
                        "member-activity", TypeInformation.of(MemberActivityState.class));
        memberActivity.enableTimeToLive(
                StateTtlConfig.newBuilder(Duration.ofMillis(settings.userStateTtlMs())).build());
        activity = getRuntimeContext().getState(memberActivity);
        MfHyperparameters hp = settings.hyperparameters();
        replica = new ItemReplica(hp);
        catalog = new ShowCatalog();
        catalogLoaded = false;
        covisitMessages = new CovisitMessages(replica, m -> covisitContext.output(COVISIT, m));
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        updater =
                new PairwiseUpdater(
                        hp,
                        new NegativeSampler(
                                RECENT_ITEMS,
                                hp.popularNegativeShare(),
                                hp.seed() + 31L * subtask));
        candidates = new HybridCandidates(settings, candidatesPerSource);
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("recs");
        group.gauge("itemReplicaStalenessMs", this::stalenessMs);
        group.gauge("itemReplicaSize", this::replicaSize);
        onlineLoss = Double.NaN;
        group.gauge("onlineBprLoss", this::onlineLoss);
        learned = group.counter("interactionsLearned");
        modelLists = group.counter("recommendationsModel");
        trendingLists = group.counter("recommendationsTrending");
        wrongDimension = group.counter("replicaWrongDimension");
    }

    @Override
    public void processElement(
            Interaction interaction, ReadOnlyContext ctx, Collector<CandidateSet> out)
            throws Exception {
        restoreReplicaIfNeeded(ctx.getBroadcastState(ITEM_REPLICA));
        UserModelState state = model.value();
        float[] user = state != null ? state.factors().clone() : prior(ctx.getCurrentKey());
        int itemRow = replica.rowOrPrior(interaction.showId());
        gradientContext = ctx;
        gradientEventTime = interaction.eventTime();
        if (updater.update(user, 0, replica.matrix(), itemRow, interaction.weight(), this) > 0) {
            double loss = updater.lastMeanLoss();
            onlineLoss =
                    Double.isNaN(onlineLoss)
                            ? loss
                            : onlineLoss + LOSS_SMOOTHING * (loss - onlineLoss);
        }
        if (interaction.weight() > 0) {
            replayHistory(user, state);
            ctx.output(
                    ITEM_GRADIENTS,
                    new ItemGradient(
                            ItemGradient.CURRENT_VERSION,
                            interaction.showId(),
                            0f,
                            new float[0],
                            true,
                            interaction.eventTime()));
        }
        gradientContext = null;
        learnCovisitation(interaction, ctx);
        learnActivity(interaction);
        learned.inc();
        boolean seen = state != null && state.hasSeen(interaction.showId());
        String lastNewShow = learnSuccession(state, seen, interaction, ctx);
        String[] history =
                seen
                        ? state.history()
                        : remember(
                                state == null ? new String[0] : state.history(),
                                interaction.showId());
        int positives =
                (state == null ? 0 : state.positives()) + (interaction.weight() > 0 ? 1 : 0);
        long lastRecsAt = state == null ? 0 : state.lastRecsAt();
        long timer = state == null ? 0 : state.pendingTimer();
        if (timer == 0) {
            long now = ctx.timerService().currentProcessingTime();
            timer = lastRecsAt == 0 ? now : Math.max(now, lastRecsAt + settings.debounceMs());
            ctx.timerService().registerProcessingTimeTimer(timer);
        }
        long lastEventAt =
                Math.max(state == null ? 0 : state.lastEventAt(), interaction.eventTime());
        model.update(
                new UserModelState(
                        UserModelState.CURRENT_VERSION,
                        user,
                        history,
                        positives,
                        lastRecsAt,
                        timer,
                        lastEventAt,
                        lastNewShow));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CandidateSet> out)
            throws Exception {
        UserModelState state = model.value();
        if (state == null || state.pendingTimer() != timestamp) {
            return;
        }
        restoreReplicaIfNeeded(ctx.getBroadcastState(ITEM_REPLICA));
        loadCatalogIfNeeded(ctx.getBroadcastState(CATALOG_SHOWS));
        String userId = ctx.getCurrentKey();
        CovisitWindow<String> window =
                CovisitWindowState.toWindow(covisitWindow.value(), settings.covisit().window());
        CandidateSet set =
                candidates.gather(
                        userId,
                        state,
                        window,
                        MemberActivityState.toActivity(activity.value()),
                        replica,
                        catalog,
                        decidedAt(state, window, ctx),
                        timestamp);
        (state.positives() >= settings.minPositivesForModel() ? modelLists : trendingLists).inc();
        if (set.size() > 0) {
            out.collect(set);
        }
        ctx.output(
                USER_FACTORS,
                new UserFactorsRow(
                        UserFactorsRow.CURRENT_VERSION,
                        userId,
                        state.factors(),
                        settings.modelVersion(),
                        timestamp));
        model.update(state.withRecommendationAt(timestamp, 0));
    }

    /**
     * The event time the decision stands at: the member's newest interaction learned. State of v1
     * did not keep it; until the member's next interaction, the window's newest show stands in, or
     * the watermark.
     */
    private static long decidedAt(
            UserModelState state, CovisitWindow<String> window, OnTimerContext ctx) {
        if (state.lastEventAt() > 0) {
            return state.lastEventAt();
        }
        long newest = Long.MIN_VALUE;
        for (int w = 0; w < window.size(); w++) {
            newest = Math.max(newest, window.time(w));
        }
        return newest != Long.MIN_VALUE ? newest : ctx.timerService().currentWatermark();
    }

    @Override
    public void processBroadcastElement(
            MemberSideBroadcast element, Context ctx, Collector<CandidateSet> out)
            throws Exception {
        if (element.item() != null) {
            applyReplicaUpdate(element.item(), ctx);
        } else if (element.show() != null) {
            loadCatalogIfNeeded(ctx.getBroadcastState(CATALOG_SHOWS));
            CatalogShow merged = catalog.apply(element.show());
            ctx.getBroadcastState(CATALOG_SHOWS).put(merged.showId(), merged);
        }
    }

    private void applyReplicaUpdate(ItemFactorUpdate update, Context ctx) throws Exception {
        if (update.factors() == null || update.factors().length != settings.hyperparameters().k()) {
            wrongDimension.inc();
            return;
        }
        ItemFactorUpdate held = ctx.getBroadcastState(ITEM_REPLICA).get(update.showId());
        if (held != null && held.updatedAt() > update.updatedAt()) {
            return;
        }
        ctx.getBroadcastState(ITEM_REPLICA).put(update.showId(), update);
        replica.apply(update);
        stalenessMs = Math.max(0, ctx.currentProcessingTime() - update.updatedAt());
    }

    /** Receives the item halves of the pairwise steps and sends them to the item side. */
    @Override
    public void accept(int itemRow, float signedG, float[] userBefore) {
        gradientContext.output(
                ITEM_GRADIENTS,
                new ItemGradient(
                        ItemGradient.CURRENT_VERSION,
                        replica.matrix().id(itemRow),
                        signedG,
                        userBefore.clone(),
                        false,
                        gradientEventTime));
    }

    /** The member's co-visitation window learns a positive interaction; changes go to COVISIT. */
    private void learnCovisitation(Interaction interaction, ReadOnlyContext ctx) throws Exception {
        if (!(interaction.weight() > 0)) {
            return;
        }
        CovisitWindow<String> window =
                CovisitWindowState.toWindow(covisitWindow.value(), settings.covisit().window());
        covisitContext = ctx;
        covisitMessages.learn(
                window, interaction.showId(), interaction.weight(), interaction.eventTime());
        covisitContext = null;
        covisitWindow.update(CovisitWindowState.of(window));
    }

    /**
     * A show the member meets for the first time with a positive interaction is their new last
     * show, and the successor of the previous one: the title side of that one counts it ({@link
     * #COVISIT}). Returns the member's last new show after this interaction.
     */
    private String learnSuccession(
            UserModelState state, boolean seen, Interaction interaction, ReadOnlyContext ctx) {
        String last = state == null ? null : state.lastNewShow();
        if (!(interaction.weight() > 0) || seen) {
            return last;
        }
        if (last != null && !last.equals(interaction.showId())) {
            ctx.output(
                    COVISIT,
                    CovisitMessage.successor(last, interaction.showId(), interaction.eventTime()));
        }
        return interaction.showId();
    }

    /** The member's plays, latest weight and shows in progress learn the interaction. */
    private void learnActivity(Interaction interaction) throws Exception {
        MemberActivity<String> member = MemberActivityState.toActivity(activity.value());
        member.learn(
                interaction.showId(),
                interaction.weight(),
                interaction.progress(),
                interaction.episode(),
                interaction.eventTime(),
                settings.engagement().completionFraction());
        activity.update(MemberActivityState.of(member));
    }

    long stalenessMs() {
        return stalenessMs;
    }

    double onlineLoss() {
        return onlineLoss;
    }

    int replicaSize() {
        return replica == null ? 0 : replica.size();
    }

    /**
     * The history replays of the learner ({@link PairwiseUpdater#replayHistory}) on the shows the
     * member interacted with before; their item halves go to the item side like any step.
     */
    private void replayHistory(float[] user, UserModelState state) {
        if (state == null || settings.hyperparameters().historyReplays() == 0) {
            return;
        }
        String[] history = state.history();
        if (historyRows == null || historyRows.length < history.length) {
            historyRows = new int[Math.max(history.length, settings.historyLimit())];
        }
        for (int h = 0; h < history.length; h++) {
            historyRows[h] = replica.rowOrPrior(history[h]);
        }
        updater.replayHistory(user, 0, replica.matrix(), historyRows, 0, history.length, this);
    }

    private float[] prior(String userId) {
        MfHyperparameters hp = settings.hyperparameters();
        float[] user = new float[hp.k()];
        BprMath.prior(userId, hp.seed() + 1, hp.initScale(), user, 0, hp.k());
        return user;
    }

    /** The history with {@code showId}, which it does not hold yet, as the newest show. */
    private String[] remember(String[] history, String showId) {
        int keep = Math.min(history.length, settings.historyLimit() - 1);
        String[] next = Arrays.copyOfRange(history, history.length - keep, history.length + 1);
        next[keep] = showId;
        return next;
    }

    /** After a restore the broadcast state is back but the transient catalog is empty. */
    private void loadCatalogIfNeeded(ReadOnlyBroadcastState<String, CatalogShow> state)
            throws Exception {
        if (catalogLoaded) {
            return;
        }
        for (Map.Entry<String, CatalogShow> entry : state.immutableEntries()) {
            catalog.apply(entry.getValue());
        }
        catalogLoaded = true;
    }

    /** After a restore the broadcast state is back but the transient replica is empty. */
    private void restoreReplicaIfNeeded(ReadOnlyBroadcastState<String, ItemFactorUpdate> state)
            throws Exception {
        if (replica.size() > 0) {
            return;
        }
        for (Map.Entry<String, ItemFactorUpdate> entry : state.immutableEntries()) {
            replica.apply(entry.getValue());
        }
    }
}
