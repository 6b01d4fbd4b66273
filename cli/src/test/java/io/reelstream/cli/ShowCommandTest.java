package io.reelstream.cli;

import io.reelstream.serving.SimilarTitle;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShowCommandTest {

    @Test
    void shouldPrintARankedListOrSayWhyItIsEmpty() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        ShowCommand.printSimilar(
                out,
                "Watched together with s-1 (co-visitation):",
                List.of(new SimilarTitle("s-2", 0.75f), new SimilarTitle("s-3", 0.5f)),
                "(none yet)");
        ShowCommand.printSimilar(out, "Close in taste to s-1 (item factors):", List.of(), "(none)");

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .containsExactly(
                        "Watched together with s-1 (co-visitation):",
                        "   1. s-2          similarity 0.750",
                        "   2. s-3          similarity 0.500",
                        "Close in taste to s-1 (item factors):",
                        "  (none)");
    }
}
