package io.reelstream.benchmarks.engine;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows per Cassandra request between two readings of the sinks' counters. */
class LivePhaseRowsPerRequestTest {

    @Test
    void countsABatchAsOneRequestAndEveryOtherRowAsOne() {
        // 100 rows written since the start: 60 of them in 10 batches, 40 alone = 50 requests
        Map<String, Double> perTable =
                LivePhase.rowsPerRequest(
                        Map.of("user_features", new long[] {1_000, 50, 300}),
                        Map.of(
                                "user_features", new long[] {1_100, 60, 360},
                                "recommendations", new long[] {0, 0, 0}));

        assertThat(perTable).containsOnlyKeys("user_features");
        assertThat(perTable.get("user_features")).isEqualTo(2.0);
    }
}
