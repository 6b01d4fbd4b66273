package io.reelstream.udfs.traininglog;

import io.reelstream.udfs.recs.Interaction;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Joins each member's recommendation decisions with what the member watched next, point-in-time
 * correct, into training-log rows. Keyed by member. A decision's features are the ones it carries
 * (frozen when it was served); its labels come only from interactions in {@code (decidedAt,
 * decidedAt + horizon]} ({@link TrainingLabels}), and its rows leave only when the watermark passes
 * the end of the horizon plus {@code interactionLatenessMs} (an interaction may trail the watermark
 * by that much, e.g. a playback closed by its timeout), so no label is closed early. Interactions
 * are kept for {@code decisionLagMs} of event time so that a decision that reaches this operator
 * after its first label interactions (the two travel different paths) still sees them; a decision
 * older than the watermark minus that lag may have missed some and is dropped ({@code
 * lateDecisions}).
 *
 * <p>Metrics (group {@code trainingLog}): {@code decisionsLogged}, {@code rowsLogged}, {@code
 * positiveRows}, {@code lateDecisions}.
 */
public class LabelDecisionsFunction
        extends KeyedCoProcessFunction<String, RankingDecision, Interaction, TrainingLogRow> {

    private static final long serialVersionUID = 1L;

    private final long horizonMs;
    private final long decisionLagMs;
    private final float completionWeight;
    private final long interactionLatenessMs;

    private transient MapState<String, PendingDecision> pending;
    private transient ListState<MemberPlay> plays;
    private transient Counter decisionsLogged;
    private transient Counter rowsLogged;
    private transient Counter positiveRows;
    private transient Counter lateDecisions;

    /**
     * @param horizonMs label horizon after each decision, event time
     * @param decisionLagMs how far a decision may trail the watermark (plays are kept this long)
     * @param completionWeight weight from which an interaction counts as completed
     * @param interactionLatenessMs how far an interaction may trail the watermark
     */
    public LabelDecisionsFunction(
            long horizonMs,
            long decisionLagMs,
            float completionWeight,
            long interactionLatenessMs) {
        if (horizonMs <= 0 || decisionLagMs < 0 || interactionLatenessMs < 0) {
            throw new IllegalArgumentException(
                    "need horizonMs > 0, decisionLagMs >= 0 and interactionLatenessMs >= 0");
        }
        this.horizonMs = horizonMs;
        this.decisionLagMs = decisionLagMs;
        this.completionWeight = completionWeight;
        this.interactionLatenessMs = interactionLatenessMs;
    }

    @Override
    public void open(OpenContext openContext) {
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending-decisions",
                                        Types.STRING,
                                        TypeInformation.of(PendingDecision.class)));
        plays =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "recent-plays", TypeInformation.of(MemberPlay.class)));
        var group = getRuntimeContext().getMetricGroup().addGroup("trainingLog");
        decisionsLogged = group.counter("decisionsLogged");
        rowsLogged = group.counter("rowsLogged");
        positiveRows = group.counter("positiveRows");
        lateDecisions = group.counter("lateDecisions");
    }

    @Override
    public void processElement1(
            RankingDecision decision, Context ctx, Collector<TrainingLogRow> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (decision.decidedAt() < watermark - decisionLagMs) {
            lateDecisions.inc();
            return;
        }
        PendingDecision waiting =
                new PendingDecision(decision, new float[decision.showIds().length]);
        for (MemberPlay play : plays.get()) {
            TrainingLabels.apply(waiting, play, horizonMs, completionWeight);
        }
        pending.put(decision.decisionId(), waiting);
        ctx.timerService().registerEventTimeTimer(closesAt(decision));
    }

    @Override
    public void processElement2(Interaction interaction, Context ctx, Collector<TrainingLogRow> out)
            throws Exception {
        MemberPlay play =
                new MemberPlay(interaction.showId(), interaction.weight(), interaction.eventTime());
        for (Map.Entry<String, PendingDecision> entry : pending.entries()) {
            if (TrainingLabels.apply(entry.getValue(), play, horizonMs, completionWeight)) {
                entry.setValue(entry.getValue());
            }
        }
        long keepUntil = play.eventTime() + decisionLagMs + interactionLatenessMs;
        if (keepUntil > ctx.timerService().currentWatermark()) {
            plays.add(play);
            ctx.timerService().registerEventTimeTimer(keepUntil);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TrainingLogRow> out)
            throws Exception {
        List<String> closed = new ArrayList<>();
        for (Map.Entry<String, PendingDecision> entry : pending.entries()) {
            if (closesAt(entry.getValue().decision()) <= timestamp) {
                emit(entry.getValue(), out);
                closed.add(entry.getKey());
            }
        }
        for (String id : closed) {
            pending.remove(id);
        }
        List<MemberPlay> kept = new ArrayList<>();
        for (MemberPlay play : plays.get()) {
            if (play.eventTime() + decisionLagMs + interactionLatenessMs > timestamp) {
                kept.add(play);
            }
        }
        plays.update(kept);
    }

    private long closesAt(RankingDecision decision) {
        return decision.decidedAt() + horizonMs + interactionLatenessMs;
    }

    private void emit(PendingDecision waiting, Collector<TrainingLogRow> out) {
        RankingDecision d = waiting.decision();
        int width = d.width();
        for (int c = 0; c < d.showIds().length; c++) {
            float label = waiting.labels()[c];
            out.collect(
                    new TrainingLogRow(
                            TrainingLogRow.CURRENT_VERSION,
                            d.decisionId(),
                            d.memberId(),
                            d.decidedAt(),
                            d.decidedAt() + horizonMs,
                            d.modelVersion(),
                            d.featureSetVersion(),
                            d.showIds()[c],
                            d.sources()[c],
                            d.positions()[c],
                            Arrays.copyOfRange(d.features(), c * width, (c + 1) * width),
                            label));
            rowsLogged.inc();
            if (label > 0) {
                positiveRows.inc();
            }
        }
        decisionsLogged.inc();
    }
}
