package io.reelstream.localstack.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a CQL script into statements: on {@code ;} outside string literals, dropping {@code --},
 * {@code //} and {@code /* *}{@code /} comments, so migration files can be commented freely.
 */
public final class CqlScript {

    private CqlScript() {}

    /** The non-empty statements of {@code script}, without comments and trailing semicolons. */
    public static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            char next = i + 1 < n ? script.charAt(i + 1) : '\0';
            if (c == '\'') {
                int end = endOfQuoted(script, i);
                current.append(script, i, end);
                i = end;
            } else if ((c == '-' && next == '-') || (c == '/' && next == '/')) {
                int end = script.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && next == '*') {
                int end = script.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("Unterminated block comment");
                }
                i = end + 2;
            } else if (c == ';') {
                addIfNotBlank(statements, current);
                current.setLength(0);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        addIfNotBlank(statements, current);
        return statements;
    }

    /**
     * Index just past the string literal starting at {@code start} ({@code ''} escapes a quote).
     */
    private static int endOfQuoted(String script, int start) {
        int i = start + 1;
        while (i < script.length()) {
            if (script.charAt(i) == '\'') {
                if (i + 1 < script.length() && script.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new IllegalArgumentException("Unterminated string literal");
    }

    private static void addIfNotBlank(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
    }
}
