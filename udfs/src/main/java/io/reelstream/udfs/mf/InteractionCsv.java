package io.reelstream.udfs.mf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads an interaction log from CSV with a header row: configurable column names for user, item,
 * timestamp (seconds or milliseconds, detected per value) and an optional weight. Rows that cannot
 * be parsed are counted, not fatal. Result is sorted by timestamp (stable).
 */
public final class InteractionCsv {

    /** Timestamps below this are seconds (10^11 ms is 1973; 10^11 s is year 5138). */
    static final long SECONDS_BELOW = 100_000_000_000L;

    /**
     * Column names; {@code weight} may be absent from the file.
     *
     * @param user user column name
     * @param item item column name
     * @param timestamp timestamp column name
     * @param weight weight column name (optional column)
     * @param delimiter field separator
     */
    public record Columns(
            String user, String item, String timestamp, String weight, char delimiter) {
        public static Columns defaults() {
            return new Columns("user", "item", "timestamp", "weight", ',');
        }
    }

    /** The parsed rows, sorted by timestamp, and how many rows were skipped. */
    public record Result(List<ReplayInteraction> interactions, long skippedRows) {}

    private InteractionCsv() {}

    public static Result read(Reader source, Columns columns) throws IOException {
        BufferedReader reader = new BufferedReader(source);
        String header = reader.readLine();
        if (header == null) {
            throw new IOException("empty file: no header row");
        }
        List<String> names = split(stripBom(header), columns.delimiter());
        int userCol = required(names, columns.user());
        int itemCol = required(names, columns.item());
        int timeCol = required(names, columns.timestamp());
        int weightCol = indexOf(names, columns.weight());
        List<ReplayInteraction> rows = new ArrayList<>();
        long skipped = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            ReplayInteraction row =
                    parse(split(line, columns.delimiter()), userCol, itemCol, timeCol, weightCol);
            if (row == null) {
                skipped++;
            } else {
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparingLong(ReplayInteraction::timestampMs));
        return new Result(rows, skipped);
    }

    /** Milliseconds from a seconds-or-milliseconds value. */
    static long toMillis(double value) {
        return Math.abs(value) < SECONDS_BELOW ? Math.round(value * 1000.0) : Math.round(value);
    }

    private static ReplayInteraction parse(
            List<String> fields, int userCol, int itemCol, int timeCol, int weightCol) {
        int needed = Math.max(Math.max(userCol, itemCol), Math.max(timeCol, weightCol));
        if (fields.size() <= Math.max(Math.max(userCol, itemCol), timeCol)) {
            return null;
        }
        String user = fields.get(userCol);
        String item = fields.get(itemCol);
        if (user.isEmpty() || item.isEmpty()) {
            return null;
        }
        try {
            long ts = toMillis(Double.parseDouble(fields.get(timeCol)));
            float weight = 1f;
            if (weightCol >= 0 && fields.size() > needed && !fields.get(weightCol).isEmpty()) {
                weight = Float.parseFloat(fields.get(weightCol));
            }
            if (!Float.isFinite(weight)) {
                return null;
            }
            return new ReplayInteraction(user, item, ts, weight);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static int required(List<String> names, String name) throws IOException {
        int index = indexOf(names, name);
        if (index < 0) {
            throw new IOException("column '" + name + "' not in header " + names);
        }
        return index;
    }

    private static int indexOf(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** Splits one line; fields may be double-quoted (with "" as an escaped quote). */
    static List<String> split(String line, char delimiter) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString().trim());
        return fields;
    }
}
