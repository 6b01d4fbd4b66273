package io.reelstream.udfs.covisit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CovisitWindowTest {

    private static final long T0 = 1_780_000_000_000L;

    @Test
    void shouldKeepTheNewestTitlesWhenRestoredIntoASmallerWindow() {
        CovisitWindow<String> window =
                CovisitWindow.restore(
                        2, new String[] {"a", "b", null, "c"}, new long[] {T0, T0 + 1, 0, T0 + 3});

        assertThat(window.size()).isEqualTo(1); // the newest two entries, one of them null
        assertThat(window.title(0)).isEqualTo("c");
        assertThat(window.dateOf("c")).isEqualTo(T0 + 3);
        assertThat(window.dateOf("a")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void shouldReportCountsAndPairsAndIgnoreNullsAndWeakNegatives() {
        CovisitWindow<String> window = new CovisitWindow<>(2);
        List<String> changes = new ArrayList<>();
        CovisitWindow.Changes<String> record =
                new CovisitWindow.Changes<>() {
                    @Override
                    public void countChanged(String title, double weight, long eventTime) {
                        changes.add(title + (weight > 0 ? "+" : "-") + (eventTime - T0));
                    }

                    @Override
                    public void paired(String title, String other, long pairTime) {
                        changes.add(title + "~" + other + "@" + (pairTime - T0));
                    }
                };

        assertThat(window.learn("a", 1f, T0 + 5, record)).isTrue();
        assertThat(window.learn("b", 1f, T0 + 2, record)).isTrue(); // late: pair at its own time
        assertThat(window.learn(null, 1f, T0, record)).isFalse();
        assertThat(window.learn("c", -0.3f, T0, record)).isFalse();
        assertThat(window.learn("a", 1f, T0 + 9, record)).isFalse(); // repeat: moved
        assertThat(window.learn("c", 1f, T0 + 10, record)).isTrue(); // b leaves after pairing

        assertThat(changes)
                .containsExactly("a+5", "b+2", "b~a@2", "a-5", "a+9", "c+10", "c~b@2", "c~a@9");
        assertThat(window.size()).isEqualTo(2);
        assertThat(window.title(0)).isEqualTo("a");
        assertThat(window.title(1)).isEqualTo("c");
    }
}
