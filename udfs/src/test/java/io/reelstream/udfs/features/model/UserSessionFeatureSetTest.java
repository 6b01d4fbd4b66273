package io.reelstream.udfs.features.model;

import io.reelstream.schemas.features.UserFeatureVector;
import io.reelstream.udfs.features.SliceAccumulator;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The vector layout: fixed names first, then each window's top genres by watch time. */
class UserSessionFeatureSetTest {

    private static final GenreLookup GENRES =
            title ->
                    Map.of(
                                    "t-drama", List.of("drama"),
                                    "t-comedy", List.of("comedy"),
                                    "t-kids", List.of("kids"),
                                    "t-both", List.of("action", "drama"),
                                    "t-silent", List.of("silent"))
                            .get(title);

    @Test
    void shouldKeepTheThreeGenresWithMostWatchTimeBreakingTiesByName() throws Exception {
        SliceAccumulator hour = new SliceAccumulator();
        hour.addWatch("t-drama", null, 100);
        hour.addWatch("t-comedy", null, 300);
        hour.addWatch("t-kids", null, 300);
        hour.addWatch("t-both", null, 200); // action 200, drama 300
        hour.addWatch("t-silent", null, 0);
        hour.addWatch("t-unknown", null, 50);
        SliceAccumulator empty = new SliceAccumulator();

        UserFeatureVector v =
                UserSessionFeatureSet.vector(
                        "u", 1000, 1, List.of(hour, empty, empty), List.of(), 1000, GENRES);

        int fixed = UserSessionFeatureSet.fixedNames().size();
        assertThat(v.fixedNames).isEqualTo(fixed);
        assertThat(Arrays.copyOfRange(v.names, 0, fixed))
                .containsExactlyElementsOf(UserSessionFeatureSet.fixedNames());
        assertThat(v.extraNames())
                .containsExactly(
                        "genre_share_1h:comedy", "genre_share_1h:drama", "genre_share_1h:kids");
        assertThat(Arrays.copyOfRange(v.values, fixed, v.values.length))
                .containsExactly(300 / 950.0, 300 / 950.0, 300 / 950.0);
    }

    @Test
    void shouldListFewerGenresWhenFewerHaveWatchTime() throws Exception {
        SliceAccumulator day = new SliceAccumulator();
        day.addWatch("t-kids", null, 10);
        day.addWatch("t-silent", null, 0);
        SliceAccumulator empty = new SliceAccumulator();

        UserFeatureVector v =
                UserSessionFeatureSet.vector(
                        "u", 1000, 1, List.of(empty, day, day), List.of(), 1000, GENRES);

        assertThat(v.extraNames()).containsExactly("genre_share_24h:kids", "genre_share_7d:kids");
        assertThat(v.values).hasSize(v.names.length);
    }
}
