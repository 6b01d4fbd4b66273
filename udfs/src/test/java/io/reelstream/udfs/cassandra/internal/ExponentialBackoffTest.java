package io.reelstream.udfs.cassandra.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExponentialBackoffTest {

    private final ExponentialBackoff backoff =
            new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    @Test
    void shouldDoubleUpToTheCap() {
        assertThat(backoff.ceilingMillis(1)).isEqualTo(100);
        assertThat(backoff.ceilingMillis(2)).isEqualTo(200);
        assertThat(backoff.ceilingMillis(6)).isEqualTo(3200);
        assertThat(backoff.ceilingMillis(7)).isEqualTo(5000);
        assertThat(backoff.ceilingMillis(1000)).isEqualTo(5000);
    }

    @Test
    void shouldJitterWithinHalfAndFullCeiling() {
        for (int retry = 1; retry < 40; retry++) {
            long ceiling = backoff.ceilingMillis(retry);
            for (int i = 0; i < 100; i++) {
                assertThat(backoff.delayMillis(retry)).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void shouldRejectAnEmptyOrInvertedRange() {
        assertThatThrownBy(() -> new ExponentialBackoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> new ExponentialBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
