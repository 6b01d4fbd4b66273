package io.reelstream.udfs.mf;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogCsvTest {

    @Test
    void readsGenresOfARatingLogsMovieFileWithQuotedTitles() throws IOException {
        String csv =
                "movieId,title,genres\n"
                        + "1,Toy Story (1995),Adventure|Animation|Children\n"
                        + "11,\"American President, The (1995)\",Comedy|Drama|Romance\n"
                        + "99,Nothing,(no genres listed)\n"
                        + ",blank id,Drama\n";

        Map<String, List<String>> genres =
                CatalogCsv.read(new StringReader(csv), "movieId", "genres", ',');

        assertThat(genres).hasSize(3);
        assertThat(genres.get("1")).containsExactly("Adventure", "Animation", "Children");
        assertThat(genres.get("11")).containsExactly("Comedy", "Drama", "Romance");
        assertThat(genres.get("99")).isEmpty();
    }

    @Test
    void namesAMissingColumn() {
        assertThatThrownBy(
                        () ->
                                CatalogCsv.read(
                                        new StringReader("item,kind\nx,y\n"),
                                        "item",
                                        "genres",
                                        ','))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("genres");
    }
}
