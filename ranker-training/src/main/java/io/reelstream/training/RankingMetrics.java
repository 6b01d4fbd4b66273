package io.reelstream.training;

import io.reelstream.udfs.ranker.GbdtModel;
import io.reelstream.udfs.ranker.RankingExamples;

import java.util.Arrays;

/**
 * NDCG@k and recall@k of a ranker on labelled decision groups: each group's candidates are ordered
 * by the model's score and compared with their labels (graded: gain 2^label - 1). Groups without a
 * positive label say nothing about ranking and are skipped.
 *
 * @param ndcg mean NDCG@k over groups with a positive
 * @param recall mean over those groups of (positives in the top k) / positives
 * @param groups groups with a positive
 */
public record RankingMetrics(double ndcg, double recall, int groups) {

    /** Metrics of {@code model} at cutoff {@code k} on {@code examples}. */
    public static RankingMetrics of(GbdtModel model, RankingExamples examples, int k) {
        double ndcg = 0;
        double recall = 0;
        int counted = 0;
        int width = examples.width();
        for (int g = 0; g < examples.groups(); g++) {
            int start = examples.groupStart(g);
            int size = examples.groupSize(g);
            float[] scores = new float[size];
            float[] labels = new float[size];
            int positives = 0;
            for (int r = 0; r < size; r++) {
                scores[r] = model.score(examples.features(), (start + r) * width);
                labels[r] = examples.label(start + r);
                positives += labels[r] > 0 ? 1 : 0;
            }
            if (positives == 0) {
                continue;
            }
            Integer[] order = new Integer[size];
            for (int r = 0; r < size; r++) {
                order[r] = r;
            }
            // Ties rank pessimistically: a positive tied with a negative goes below it.
            Arrays.sort(
                    order,
                    (a, b) -> {
                        int byScore = Float.compare(scores[b], scores[a]);
                        return byScore != 0 ? byScore : Float.compare(labels[a], labels[b]);
                    });
            double dcg = 0;
            int found = 0;
            for (int rank = 0; rank < Math.min(k, size); rank++) {
                float label = labels[order[rank]];
                dcg += gain(label) / log2(rank + 2);
                found += label > 0 ? 1 : 0;
            }
            float[] ideal = labels.clone();
            Arrays.sort(ideal);
            double idcg = 0;
            for (int rank = 0; rank < Math.min(k, size); rank++) {
                idcg += gain(ideal[size - 1 - rank]) / log2(rank + 2);
            }
            ndcg += dcg / idcg;
            recall += found / (double) positives;
            counted++;
        }
        return counted == 0
                ? new RankingMetrics(Double.NaN, Double.NaN, 0)
                : new RankingMetrics(ndcg / counted, recall / counted, counted);
    }

    private static double gain(float label) {
        return Math.pow(2, label) - 1;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
