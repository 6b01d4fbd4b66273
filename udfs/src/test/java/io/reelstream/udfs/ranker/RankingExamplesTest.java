package io.reelstream.udfs.ranker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RankingExamplesTest {

    @Test
    void keepsGroupsInDecisionOrderAndSlicesThemByTime() {
        RankingExamples examples = new RankingExamples(2);
        for (int g = 0; g < 50; g++) {
            examples.beginGroup(1_000L * g);
            for (int r = 0; r <= g % 3; r++) {
                examples.add(new float[] {0f, g, r}, 1, r == 0 ? 1f : 0f);
            }
        }

        assertThat(examples.groups()).isEqualTo(50);
        assertThat(examples.rows()).isEqualTo(17 * 1 + 17 * 2 + 16 * 3);
        RankingExamples recent = examples.slice(40, 50);
        assertThat(recent.groups()).isEqualTo(10);
        assertThat(recent.groupTime(0)).isEqualTo(40_000L);
        assertThat(recent.groupSize(2)).isEqualTo(examples.groupSize(42)).isEqualTo(1);
        int first = recent.groupStart(1);
        assertThat(recent.features()[first * 2]).isEqualTo(41f);
        assertThat(recent.label(first)).isEqualTo(1f);
        assertThat(recent.labels()).hasSize(recent.rows());
    }

    @Test
    void refusesGroupsOutOfDecisionOrderAndRowsOutsideAGroup() {
        RankingExamples examples = new RankingExamples(1);
        assertThatThrownBy(() -> examples.add(new float[] {1f}, 0, 1f))
                .isInstanceOf(IllegalStateException.class);
        examples.beginGroup(5);
        assertThatThrownBy(() -> examples.beginGroup(4))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
