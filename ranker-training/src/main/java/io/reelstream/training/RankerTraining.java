package io.reelstream.training;

import io.reelstream.udfs.ranker.GbdtModel;
import io.reelstream.udfs.ranker.RankingExamples;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One training run of the ranker from logged decisions: a time-based split (the newest share of
 * decisions validates, the rest trains), XGBoost on the training part, NDCG@10 and recall@10 on
 * both. The model's version is derived from its bytes, so the same log and seed give the same
 * version.
 */
public final class RankerTraining {

    /** What a run produced. */
    public record Result(
            String version,
            byte[] modelJson,
            GbdtModel model,
            RankingMetrics train,
            RankingMetrics validation,
            int trainGroups,
            int validationGroups,
            long splitAt) {}

    private RankerTraining() {}

    /**
     * Trains on the oldest {@code 1 - validationShare} of {@code examples} (decision-time order)
     * and validates on the rest. Groups without any positive label are left out of training.
     */
    public static Result run(
            RankingExamples examples, RankerTrainingParams params, double validationShare, int k) {
        if (!(validationShare >= 0) || validationShare >= 1) {
            throw new IllegalArgumentException("validationShare must be in [0, 1)");
        }
        int groups = examples.groups();
        int cut = (int) Math.round(groups * (1 - validationShare));
        RankingExamples train = withPositives(examples.slice(0, cut));
        RankingExamples validation = examples.slice(cut, groups);
        if (train.groups() == 0) {
            throw new IllegalArgumentException(
                    "no decision with a positive label before the split: nothing to learn from");
        }
        byte[] json = new XgboostRankerTrainer(params).trainJson(train);
        String version = version(json);
        GbdtModel model = GbdtModel.fromXgboostJson(version, json);
        return new Result(
                version,
                json,
                model,
                RankingMetrics.of(model, train, k),
                RankingMetrics.of(model, validation, k),
                train.groups(),
                validation.groups(),
                cut < groups ? examples.groupTime(cut) : Long.MAX_VALUE);
    }

    /** {@code gbdt-} and the first 12 hex digits of the model's SHA-256. */
    public static String version(byte[] json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return "gbdt-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RankingExamples withPositives(RankingExamples examples) {
        RankingExamples out = new RankingExamples(examples.width());
        for (int g = 0; g < examples.groups(); g++) {
            int start = examples.groupStart(g);
            boolean positive = false;
            for (int r = start; r < start + examples.groupSize(g); r++) {
                positive |= examples.label(r) > 0;
            }
            if (positive) {
                out.beginGroup(examples.groupTime(g));
                for (int r = start; r < start + examples.groupSize(g); r++) {
                    out.add(examples.features(), r * examples.width(), examples.label(r));
                }
            }
        }
        return out;
    }
}
