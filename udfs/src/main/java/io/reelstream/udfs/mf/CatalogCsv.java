package io.reelstream.udfs.mf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a title catalog for the replay: a CSV with a header, one row per title with its genres
 * separated by {@code |} (the layout public rating logs ship, e.g. {@code movieId,title,genres}).
 * The replay's hybrid uses it for genre affinity; titles not in it have no genres.
 */
public final class CatalogCsv {

    private CatalogCsv() {}

    /** Title id → genres, from the columns named {@code itemColumn} and {@code genresColumn}. */
    public static Map<String, List<String>> read(
            Reader source, String itemColumn, String genresColumn, char delimiter)
            throws IOException {
        BufferedReader lines = new BufferedReader(source);
        String header = lines.readLine();
        if (header == null) {
            throw new IOException("empty catalog file");
        }
        List<String> names = InteractionCsv.split(InteractionCsv.stripBom(header), delimiter);
        int item = InteractionCsv.required(names, itemColumn);
        int genres = InteractionCsv.required(names, genresColumn);
        Map<String, List<String>> out = new HashMap<>();
        String line;
        while ((line = lines.readLine()) != null) {
            List<String> fields = InteractionCsv.split(line, delimiter);
            if (fields.size() <= Math.max(item, genres) || fields.get(item).isBlank()) {
                continue;
            }
            List<String> list =
                    Arrays.stream(fields.get(genres).split("\\|"))
                            .map(String::strip)
                            .filter(g -> !g.isEmpty() && !g.equals("(no genres listed)"))
                            .toList();
            out.put(fields.get(item).strip(), list);
        }
        return out;
    }
}
