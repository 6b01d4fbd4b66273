package io.reelstream.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Measures the latency of each serving read (sequential, one request at a time, as one serving
 * thread sees it) after a warm-up, and reports p50 / p99. Not a test: run by {@code reelstream
 * bench sink}, which reports the numbers next to the sink throughput.
 */
public final class ReadLatencyBenchmark {

    private final ServingClient client;
    private final int warmup;
    private final int samples;

    public ReadLatencyBenchmark(ServingClient client, int warmup, int samples) {
        this.client = client;
        this.warmup = warmup;
        this.samples = samples;
    }

    /**
     * Latencies of userFeatures, recommendations, continueWatching and, if shows are given, ANN.
     */
    public List<ReadLatency> run(List<String> userIds, List<String> showIds) {
        List<ReadLatency> results = new ArrayList<>();
        results.add(measure("user_features", userIds, client::userFeatures));
        results.add(measure("continue_watching", userIds, client::continueWatching));
        results.add(measure("recommendations", userIds, client::recommendations));
        if (!showIds.isEmpty()) {
            results.add(measure("item_factors", showIds, client::itemFactors));
            results.add(measure("similar_titles_k10", showIds, this::similarTen));
        }
        return results;
    }

    private void similarTen(String showId) {
        client.similarTitles(showId, 10);
    }

    private <R> ReadLatency measure(String read, List<String> keys, Consumer<String> call) {
        for (int i = 0; i < warmup; i++) {
            call.accept(keys.get(i % keys.size()));
        }
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            String key = keys.get(i % keys.size());
            long start = System.nanoTime();
            call.accept(key);
            nanos[i] = System.nanoTime() - start;
        }
        return ReadLatency.of(read, nanos);
    }
}
