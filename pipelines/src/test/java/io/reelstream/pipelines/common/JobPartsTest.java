package io.reelstream.pipelines.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobPartsTest {

    /** Stands in for a job's {@code Sinks} record. */
    public record Sinks(String cassandra, String deadLetters) {}

    @Test
    void shouldReturnCompleteParts() {
        Sinks sinks = new Sinks("a", "b");
        assertThat(JobParts.requireComplete(sinks)).isSameAs(sinks);
    }

    @Test
    void shouldNameTheMissingPart() {
        assertThatThrownBy(() -> JobParts.requireComplete(new Sinks("a", null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("Sinks.deadLetters");
        assertThatThrownBy(() -> JobParts.requireComplete((Sinks) null))
                .isInstanceOf(NullPointerException.class);
    }
}
