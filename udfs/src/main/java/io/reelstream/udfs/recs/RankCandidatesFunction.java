package io.reelstream.udfs.recs;

import io.reelstream.udfs.mf.TopNSelector;
import io.reelstream.udfs.ranker.FixedBlend;
import io.reelstream.udfs.ranker.GbdtModel;
import io.reelstream.udfs.ranker.RankerFeatures;
import io.reelstream.udfs.ranker.RankerModelUpdate;
import io.reelstream.udfs.traininglog.RankingDecision;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Orders each member's candidates with the current ranker and serves the top N. The ranker arrives
 * on the model topic as broadcast state, so a new version replaces the old one while the job runs
 * and survives restarts in checkpoints; until one has arrived (or if one is rejected) the sources
 * are merged by {@link FixedBlend}, which the {@code rankerBlendDecisions} metric counts. The last
 * {@code explorationSlots} of a full list go to the best-ranked new titles that did not make it
 * (exposure for the catalog's newest shows). Every decision, with its features, goes to {@link
 * #DECISIONS} for the training log.
 *
 * <p>Metrics (group {@code ranker}): {@code rankerModelDecisions}, {@code rankerBlendDecisions},
 * {@code rankerModelsLoaded}, {@code rankerModelsRejected}, gauge {@code rankerModelVersion}.
 */
public class RankCandidatesFunction
        extends BroadcastProcessFunction<CandidateSet, RankerModelUpdate, Recommendations> {

    private static final long serialVersionUID = 1L;

    /** The current model under {@link RankerModelUpdate#KEY}. */
    public static final MapStateDescriptor<String, RankerModelUpdate> RANKER_MODEL =
            new MapStateDescriptor<>(
                    "ranker-model", Types.STRING, TypeInformation.of(RankerModelUpdate.class));

    public static final OutputTag<RankingDecision> DECISIONS =
            new OutputTag<>("ranking-decisions", TypeInformation.of(RankingDecision.class));

    /** What {@link Recommendations#source()} says when no model ranked the list. */
    public static final String BLEND = "blend";

    private final int topN;
    private final int explorationSlots;
    private final long modelVersion;

    private transient GbdtModel model;
    private transient TopNSelector top;
    private transient int topCapacity;
    private transient volatile String servingVersion;
    private transient Counter modelDecisions;
    private transient Counter blendDecisions;
    private transient Counter modelsLoaded;
    private transient Counter modelsRejected;

    /**
     * @param topN length of the served list
     * @param explorationSlots slots at the end of a full list reserved for new titles
     * @param modelVersion the MF model generation written with the list
     */
    public RankCandidatesFunction(int topN, int explorationSlots, long modelVersion) {
        if (topN <= 0 || explorationSlots < 0 || explorationSlots >= topN) {
            throw new IllegalArgumentException("need 0 <= explorationSlots < topN");
        }
        this.topN = topN;
        this.explorationSlots = explorationSlots;
        this.modelVersion = modelVersion;
    }

    @Override
    public void open(OpenContext openContext) {
        topCapacity = 4 * topN;
        top = new TopNSelector(topCapacity);
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("ranker");
        modelDecisions = group.counter("rankerModelDecisions");
        blendDecisions = group.counter("rankerBlendDecisions");
        modelsLoaded = group.counter("rankerModelsLoaded");
        modelsRejected = group.counter("rankerModelsRejected");
        servingVersion = BLEND;
        group.gauge("rankerModelVersion", () -> servingVersion);
    }

    @Override
    public void processElement(
            CandidateSet set, ReadOnlyContext ctx, Collector<Recommendations> out)
            throws Exception {
        GbdtModel ranker = current(ctx.getBroadcastState(RANKER_MODEL));
        int n = set.size();
        if (n == 0) {
            return;
        }
        int width = set.features().length / n;
        float[] scores = new float[n];
        if (ranker != null) {
            ranker.scoreAll(set.features(), n, width, scores);
        } else {
            for (int c = 0; c < n; c++) {
                scores[c] = FixedBlend.score(set.features(), c * width);
            }
        }
        int[] slots = new int[n];
        for (int c = 0; c < n; c++) {
            slots[c] = c;
        }
        int[] order = new int[n];
        int served = serve(set, slots, scores, order);
        String[] shows = new String[served];
        float[] servedScores = new float[served];
        int[] servedSources = new int[served];
        int[] positions = new int[n];
        for (int r = 0; r < served; r++) {
            shows[r] = set.showIds()[order[r]];
            servedScores[r] = scores[order[r]];
            servedSources[r] = set.sources()[order[r]];
            positions[order[r]] = r + 1;
        }
        String version = ranker != null ? ranker.version() : BLEND;
        (ranker != null ? modelDecisions : blendDecisions).inc();
        out.collect(
                new Recommendations(
                        Recommendations.CURRENT_VERSION,
                        set.memberId(),
                        shows,
                        servedScores,
                        servedSources,
                        version,
                        modelVersion,
                        set.generatedAt()));
        ctx.output(
                DECISIONS,
                new RankingDecision(
                        RankingDecision.CURRENT_VERSION,
                        set.memberId() + "@" + set.generatedAt(),
                        set.memberId(),
                        set.decidedAt(),
                        version,
                        RankerFeatures.VERSION,
                        set.showIds(),
                        set.sources(),
                        positions,
                        set.features()));
    }

    /**
     * Writes the served candidates, best first, into {@code order}; returns how many. Ties go to
     * the earlier candidate (the sources' order). A full list gives its last slots to the
     * best-ranked new titles below it.
     */
    private int serve(CandidateSet set, int[] slots, float[] scores, int[] order) {
        int n = set.size();
        if (n > topCapacity) {
            topCapacity = Math.max(n, 2 * topCapacity);
            top = new TopNSelector(topCapacity);
        }
        int served = top.selectRows(slots, scores, n, n);
        for (int r = 0; r < served; r++) {
            order[r] = top.row(r);
        }
        int listed = Math.min(served, topN);
        if (listed < topN || explorationSlots == 0) {
            return listed;
        }
        int keep = topN - explorationSlots;
        int fresh = 0;
        for (int r = keep; r < served && fresh < explorationSlots; r++) {
            if (set.newTitles()[order[r]]) {
                fresh++;
            }
        }
        // Without enough new titles below the kept part, the best others fill the list.
        int others = explorationSlots - fresh;
        int[] tail = new int[explorationSlots];
        int t = 0;
        for (int r = keep; r < served && t < explorationSlots; r++) {
            boolean isNew = set.newTitles()[order[r]];
            if (isNew || others > 0) {
                tail[t++] = order[r];
                others -= isNew ? 0 : 1;
            }
        }
        System.arraycopy(tail, 0, order, keep, t);
        return keep + t;
    }

    @Override
    public void processBroadcastElement(
            RankerModelUpdate update, Context ctx, Collector<Recommendations> out)
            throws Exception {
        GbdtModel parsed = parse(update);
        if (parsed == null) {
            return;
        }
        RankerModelUpdate held = ctx.getBroadcastState(RANKER_MODEL).get(RankerModelUpdate.KEY);
        if (held != null && held.publishedAt() > update.publishedAt()) {
            return;
        }
        ctx.getBroadcastState(RANKER_MODEL).put(RankerModelUpdate.KEY, update);
        model = parsed;
        servingVersion = parsed.version();
        modelsLoaded.inc();
    }

    /** The model in broadcast state, parsed once per version (after a restore, on first use). */
    private GbdtModel current(ReadOnlyBroadcastState<String, RankerModelUpdate> state)
            throws Exception {
        RankerModelUpdate held = state.get(RankerModelUpdate.KEY);
        if (held == null) {
            return null;
        }
        if (model == null || !model.version().equals(held.modelVersion())) {
            model = parse(held);
            servingVersion = model == null ? BLEND : model.version();
        }
        return model;
    }

    private GbdtModel parse(RankerModelUpdate update) {
        try {
            GbdtModel parsed = GbdtModel.fromXgboostJson(update.modelVersion(), update.modelJson());
            if (update.featureSetVersion() == RankerFeatures.VERSION
                    && parsed.featureNames().equals(RankerFeatures.NAMES)) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // counted below: a bad model never replaces a good one
        }
        modelsRejected.inc();
        return null;
    }
}
