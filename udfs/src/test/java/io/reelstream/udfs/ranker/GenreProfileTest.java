package io.reelstream.udfs.ranker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GenreProfileTest {

    @Test
    void givesTheShareOfRecentWatchingInATitlesGenresOverTheLastTwentyTitles() {
        GenreProfile profile = new GenreProfile();
        assertThat(profile.affinity(new int[] {0})).isNaN();

        profile.add(new int[] {0, 1}); // half drama, half comedy
        profile.add(new int[] {0});
        profile.add(new int[0]); // no genres: not counted

        assertThat(profile.affinity(new int[] {0})).isCloseTo(0.75f, within(1e-6f));
        assertThat(profile.affinity(new int[] {1, 2})).isCloseTo(0.25f, within(1e-6f));
        assertThat(profile.affinity(new int[] {0, 1})).isCloseTo(1f, within(1e-6f));
        assertThat(profile.affinity(new int[0])).isNaN();

        for (int n = 0; n < GenreProfile.WINDOW; n++) {
            profile.add(new int[] {5});
        }
        assertThat(profile.affinity(new int[] {0})).isCloseTo(0f, within(1e-6f));
        assertThat(profile.affinity(new int[] {5})).isCloseTo(1f, within(1e-6f));
    }
}
