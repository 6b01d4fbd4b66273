package io.reelstream.serving;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimilarTitleTest {

    @Test
    void shouldPairTheRowsListsUpToKAndStopAtTheShorterOrANullEntry() {
        assertThat(SimilarTitle.zip(List.of("a", "b", "c"), List.of(0.9f, 0.5f, 0.2f), 2))
                .containsExactly(new SimilarTitle("a", 0.9f), new SimilarTitle("b", 0.5f));
        assertThat(SimilarTitle.zip(List.of("a", "b"), List.of(0.9f), 10))
                .containsExactly(new SimilarTitle("a", 0.9f));
        assertThat(SimilarTitle.zip(Arrays.asList("a", null), List.of(0.9f, 0.5f), 10))
                .containsExactly(new SimilarTitle("a", 0.9f));
        assertThat(SimilarTitle.zip(null, List.of(0.9f), 10)).isEmpty();
    }
}
