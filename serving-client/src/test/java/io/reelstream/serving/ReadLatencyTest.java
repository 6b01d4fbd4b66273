package io.reelstream.serving;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadLatencyTest {

    @Test
    void shouldComputeNearestRankPercentilesOfUnsortedSamples() {
        long[] nanos = LongStream.rangeClosed(1, 100).map(i -> (101 - i) * 1_000_000).toArray();
        ReadLatency latency = ReadLatency.of("x", nanos);
        assertThat(latency.samples()).isEqualTo(100);
        assertThat(latency.p50Millis()).isEqualTo(50.0);
        assertThat(latency.p99Millis()).isEqualTo(99.0);
        assertThat(latency.maxMillis()).isEqualTo(100.0);
        assertThat(latency.toString()).contains("p50_ms=50.000").contains("p99_ms=99.000");
    }

    @Test
    void shouldHandleASingleSampleAndRejectNone() {
        assertThat(ReadLatency.of("x", new long[] {2_000_000}).p99Millis()).isEqualTo(2.0);
        assertThatThrownBy(() -> ReadLatency.of("x", new long[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldServeOnlyKnownFeatures() {
        FeatureSet set =
                new FeatureSet(
                        "s", 1, java.util.List.of("a", "b"), java.util.List.of(1f, 2f), null);
        assertThat(set.value("b")).isEqualTo(2f);
        assertThat(set.value("c")).isNaN();
    }
}
