package io.reelstream.cli;

import io.reelstream.training.RankerTrainingParams;
import io.reelstream.training.XgboostRankerTrainer;
import io.reelstream.udfs.covisit.CovisitParams;
import io.reelstream.udfs.covisit.CovisitReplayModel;
import io.reelstream.udfs.mf.CatalogCsv;
import io.reelstream.udfs.mf.InteractionCsv;
import io.reelstream.udfs.mf.MfHyperparameters;
import io.reelstream.udfs.mf.MfReplayModel;
import io.reelstream.udfs.mf.PopularityReplayModel;
import io.reelstream.udfs.mf.ReplayEvaluator;
import io.reelstream.udfs.mf.ReplayInteraction;
import io.reelstream.udfs.mf.ReplayModel;
import io.reelstream.udfs.mf.ReplayReport;
import io.reelstream.udfs.ranker.HybridParams;
import io.reelstream.udfs.ranker.HybridReplayModel;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code reelstream evaluate}: prequential replay of an interaction log through the same learner
 * code the streaming job runs, against a popularity baseline computed in the same run, so model
 * changes and hyperparameters are judged on a user's own data.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Replays an interaction log (CSV with header) in timestamp order: before learning each"
                    + " interaction of a known member, recommends top-N excluding items the member"
                    + " already interacted with and counts a hit if the item is in it.",
            "Every model of --model is judged in the same replay; each gets a line with its"
                    + " recall@N and MRR@N.",
            "The last line is: recall@N=<x> popularity_recall@N=<y> updates_per_s=<z>, x for the"
                    + " selected model (for 'all': the default model, hybrid)."
        })
public final class EvaluateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--interactions", required = true, description = "CSV file with a header row.")
    Path interactions;

    @Option(
            names = "--user-column",
            defaultValue = "user",
            description = "Default: ${DEFAULT-VALUE}.")
    String userColumn;

    @Option(
            names = "--item-column",
            defaultValue = "item",
            description = "Default: ${DEFAULT-VALUE}.")
    String itemColumn;

    @Option(
            names = "--timestamp-column",
            defaultValue = "timestamp",
            description = "Seconds or milliseconds since the epoch. Default: ${DEFAULT-VALUE}.")
    String timestampColumn;

    @Option(
            names = "--weight-column",
            defaultValue = "weight",
            description = "Optional column; weight 1 when absent. Default: ${DEFAULT-VALUE}.")
    String weightColumn;

    @Option(names = "--delimiter", defaultValue = ",", description = "Default: '${DEFAULT-VALUE}'.")
    char delimiter;

    @Option(
            names = "--cutoff",
            defaultValue = "10",
            description = "N of top-N. Default: ${DEFAULT-VALUE}.")
    int cutoff;

    /** Models the command can replay; {@code ALL} replays every one of them. */
    enum Model {
        hybrid,
        mf,
        covisit,
        popularity,
        all
    }

    @Option(
            names = "--model",
            defaultValue = "hybrid",
            description =
                    "Model(s) to replay: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    Model model;

    @Option(
            names = "--retrains",
            defaultValue = "" + HybridParams.DEFAULT_RETRAINS,
            description =
                    "Hybrid: how many times the ranker is retrained from the decisions logged so"
                            + " far, evenly over the log. Default: ${DEFAULT-VALUE}.")
    int retrains;

    @Option(
            names = "--catalog",
            description =
                    "Hybrid: optional catalog CSV with a header, a title column and a genres"
                            + " column (genres separated by |, as in movies.csv); gives the"
                            + " ranker genre affinity.")
    Path catalog;

    @Option(
            names = "--catalog-item-column",
            defaultValue = "item",
            description = "Title column of --catalog. Default: ${DEFAULT-VALUE}.")
    String catalogItemColumn;

    @Option(
            names = "--genres-column",
            defaultValue = "genres",
            description = "Genres column of --catalog. Default: ${DEFAULT-VALUE}.")
    String genresColumn;

    @Option(
            names = "--ranker-objective",
            defaultValue = "rank:ndcg",
            description =
                    "Hybrid: XGBoost objective, rank:ndcg, rank:pairwise or binary:logistic."
                            + " Default: ${DEFAULT-VALUE}.")
    String rankerObjective;

    @Option(
            names = "--ranker-rounds",
            defaultValue = "100",
            description = "Hybrid: boosting rounds. Default: ${DEFAULT-VALUE}.")
    int rankerRounds;

    @Option(
            names = "--ranker-max-depth",
            defaultValue = "" + RankerTrainingParams.DEFAULT_MAX_DEPTH,
            description = "Hybrid: depth of each tree. Default: ${DEFAULT-VALUE}.")
    int rankerMaxDepth;

    @Option(
            names = "--ranker-eta",
            defaultValue = "0.1",
            description = "Hybrid: learning rate of the boosting. Default: ${DEFAULT-VALUE}.")
    double rankerEta;

    @Option(
            names = "--candidates-per-source",
            description = "Hybrid: titles each source proposes per decision (default 50).")
    Integer candidatesPerSource;

    @Option(
            names = "--covisit-half-life-days",
            description = "Co-visitation: event-time half-life of the counts, days (default 90).")
    Double covisitHalfLifeDays;

    @Option(
            names = "--covisit-window",
            description = "Co-visitation: distinct recent titles per member (default 20).")
    Integer covisitWindow;

    @Option(
            names = "--covisit-neighbours",
            description =
                    "Co-visitation: neighbours per title that recommend, K (default 50; twice as"
                            + " many candidates are tracked).")
    Integer covisitNeighbours;

    @Option(
            names = "--covisit-recency-half-life",
            description =
                    "Co-visitation: positions after which a recent title's vote halves, 0 = equal"
                            + " votes (default 0).")
    Double covisitRecencyHalfLife;

    @Option(names = "--k", description = "Factor dimension (default from MfHyperparameters).")
    Integer k;

    @Option(names = "--learning-rate", description = "SGD step size.")
    Float learningRate;

    @Option(names = "--bias-learning-rate", description = "SGD step size of item biases.")
    Float biasLearningRate;

    @Option(
            names = "--history-replays",
            description = "Extra pairwise steps per positive on the member's earlier positives.")
    Integer historyReplays;

    @Option(names = "--regularization", description = "L2 penalty on factors and biases.")
    Float regularization;

    @Option(names = "--negatives", description = "Sampled negatives per interaction.")
    Integer negatives;

    @Option(
            names = "--popular-negative-share",
            description = "Share of negatives drawn popularity-proportionally, 0..1.")
    Float popularNegativeShare;

    /** Runs the command on its own (the {@code reelstream} command also registers it). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new EvaluateCommand()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        InteractionCsv.Columns columns =
                new InteractionCsv.Columns(
                        userColumn, itemColumn, timestampColumn, weightColumn, delimiter);
        InteractionCsv.Result log;
        try (Reader reader = Files.newBufferedReader(interactions, StandardCharsets.UTF_8)) {
            log = InteractionCsv.read(reader, columns);
        }
        MfHyperparameters hp = hyperparameters();
        out.printf(
                Locale.ROOT,
                "read %d interactions (%d rows skipped) from %s%n",
                log.interactions().size(),
                log.skippedRows(),
                interactions);
        CovisitParams covisit = covisitParams();
        if (model != Model.popularity) {
            out.printf(Locale.ROOT, "hyperparameters %s%n", hp);
            out.printf(Locale.ROOT, "covisit %s%n", covisit);
        }
        HybridParams hybrid = hybridParams(log.interactions().size());
        if (model == Model.hybrid || model == Model.all) {
            out.printf(Locale.ROOT, "hybrid %s, ranker %s%n", hybrid, ranker());
        }
        Map<String, List<String>> genres = genres(out);
        List<ReplayModel> models = models(model, hp, covisit, hybrid, ranker(), genres);
        ReplayReport report = replay(log.interactions(), models, cutoff);
        for (ReplayModel m : models) {
            if (m instanceof HybridReplayModel h) {
                out.printf(
                        Locale.ROOT,
                        "hybrid decisions: %d by the trained ranker, %d by the fixed blend;"
                                + " %d labelled decisions logged; %d retrains took %.1f s%n",
                        h.modelDecisions(),
                        h.blendDecisions(),
                        h.examples().groups(),
                        h.retrains(),
                        h.trainingNanos() / 1e9);
            }
        }
        print(out, report);
        return 0;
    }

    /** Genres per title from --catalog, or none. */
    private Map<String, List<String>> genres(PrintWriter out) throws IOException {
        if (catalog == null) {
            return Map.of();
        }
        try (Reader reader = Files.newBufferedReader(catalog, StandardCharsets.UTF_8)) {
            Map<String, List<String>> genres =
                    CatalogCsv.read(reader, catalogItemColumn, genresColumn, delimiter);
            out.printf(Locale.ROOT, "read genres of %d titles from %s%n", genres.size(), catalog);
            return genres;
        }
    }

    private RankerTrainingParams ranker() {
        return RankerTrainingParams.defaults()
                .with(rankerObjective, rankerRounds, rankerMaxDepth, rankerEta);
    }

    /** Retrains spread evenly: the first after a fortieth of the log with the default of 40. */
    private HybridParams hybridParams(int rows) {
        long every = Math.max(1, rows / Math.max(1, retrains));
        HybridParams p = HybridParams.defaults().withRetrainEvery(every);
        return candidatesPerSource == null ? p : p.withCandidatesPerSource(candidatesPerSource);
    }

    /** The models of {@code model}, the primary first (popularity is added by the evaluator). */
    static List<ReplayModel> models(
            Model model,
            MfHyperparameters hp,
            CovisitParams covisit,
            HybridParams hybrid,
            RankerTrainingParams ranker,
            Map<String, List<String>> genres) {
        List<ReplayModel> models = new ArrayList<>();
        if (model == Model.hybrid || model == Model.all) {
            models.add(
                    new HybridReplayModel(
                            hybrid,
                            hp,
                            covisit,
                            new XgboostRankerTrainer(ranker),
                            item -> genres.getOrDefault(item, List.of())));
        }
        if (model == Model.mf || model == Model.all) {
            models.add(new MfReplayModel(hp));
        }
        if (model == Model.covisit || model == Model.all) {
            models.add(new CovisitReplayModel(covisit));
        }
        if (model == Model.popularity) {
            models.add(new PopularityReplayModel());
        }
        return models;
    }

    static ReplayReport replay(List<ReplayInteraction> rows, List<ReplayModel> models, int cutoff) {
        return ReplayEvaluator.replay(rows, new ReplayEvaluator(models, cutoff));
    }

    static void print(PrintWriter out, ReplayReport r) {
        int n = r.cutoff();
        out.printf(
                Locale.ROOT,
                "evaluated %d of %d interactions (known member, positive, new item)%n",
                r.evaluated(),
                r.interactions());
        for (ReplayReport.ModelResult m : r.models()) {
            out.printf(
                    Locale.ROOT,
                    "%-10s recall@%d=%.4f mrr@%d=%.4f%n",
                    m.name(),
                    n,
                    m.recall(),
                    n,
                    m.mrr());
        }
        out.printf(
                Locale.ROOT,
                "recall@%d=%.4f popularity_recall@%d=%.4f updates_per_s=%.0f%n",
                n,
                r.recall(),
                n,
                r.popularityRecall(),
                r.updatesPerSecond());
        out.flush();
    }

    private CovisitParams covisitParams() {
        CovisitParams p = CovisitParams.defaults();
        if (covisitHalfLifeDays != null) {
            p = p.withHalfLifeMs(Math.round(covisitHalfLifeDays * 86_400_000.0));
        }
        if (covisitWindow != null) {
            p = p.withWindow(covisitWindow);
        }
        if (covisitNeighbours != null) {
            p = p.withNeighbours(covisitNeighbours);
        }
        if (covisitRecencyHalfLife != null) {
            p = p.withRecencyHalfLife(covisitRecencyHalfLife);
        }
        return p;
    }

    private MfHyperparameters hyperparameters() {
        MfHyperparameters hp = MfHyperparameters.defaults();
        if (k != null) {
            hp = hp.withK(k);
        }
        if (learningRate != null) {
            hp = hp.withLearningRate(learningRate);
        }
        if (biasLearningRate != null) {
            hp = hp.withBiasLearningRate(biasLearningRate);
        }
        if (historyReplays != null) {
            hp = hp.withHistoryReplays(historyReplays);
        }
        if (regularization != null) {
            hp = hp.withRegularization(regularization);
        }
        if (negatives != null) {
            hp = hp.withNegatives(negatives);
        }
        if (popularNegativeShare != null) {
            hp = hp.withPopularNegativeShare(popularNegativeShare);
        }
        return hp;
    }
}
