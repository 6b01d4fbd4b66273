package io.reelstream.udfs.mf;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InteractionCsvTest {

    @Test
    void readsSecondsAndMillisSortsAndDefaultsWeight() throws IOException {
        String csv =
                "user,item,timestamp\nu1,a,1780000002\nu2,b,1780000001000\nu1,\"c,d\",1780000000\n";

        InteractionCsv.Result result =
                InteractionCsv.read(new StringReader(csv), InteractionCsv.Columns.defaults());

        assertThat(result.skippedRows()).isZero();
        assertThat(result.interactions())
                .containsExactly(
                        new ReplayInteraction("u1", "c,d", 1_780_000_000_000L, 1f),
                        new ReplayInteraction("u2", "b", 1_780_000_001_000L, 1f),
                        new ReplayInteraction("u1", "a", 1_780_000_002_000L, 1f));
    }

    @Test
    void usesConfiguredColumnsAndWeightsAndSkipsBadRows() throws IOException {
        String csv = "ts;rating;member;title\n5;2.5;m;t\nnot-a-number;1;m;t\n6;;m;u\n7;1\n";

        InteractionCsv.Result result =
                InteractionCsv.read(
                        new StringReader(csv),
                        new InteractionCsv.Columns("member", "title", "ts", "rating", ';'));

        assertThat(result.skippedRows()).isEqualTo(2);
        assertThat(result.interactions())
                .containsExactly(
                        new ReplayInteraction("m", "t", 5_000L, 2.5f),
                        new ReplayInteraction("m", "u", 6_000L, 1f));
    }

    @Test
    void missingRequiredColumnIsAnError() {
        assertThatThrownBy(
                        () ->
                                InteractionCsv.read(
                                        new StringReader("user,item\nu,i\n"),
                                        InteractionCsv.Columns.defaults()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("timestamp");
    }
}
