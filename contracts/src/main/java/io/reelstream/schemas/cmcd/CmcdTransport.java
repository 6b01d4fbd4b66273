package io.reelstream.schemas.cmcd;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Extracts CMCD dictionaries from the ways players send them (CTA-5004 section 2): the {@code CMCD}
 * query parameter (percent-encoded), the four {@code CMCD-*} request headers, or a v2 event-mode
 * body. The query and the headers each yield one dictionary; a body yields one per line.
 */
public final class CmcdTransport {

    /** The request headers of CTA-5004 section 2.2, in their standard order. */
    public static final List<String> HEADERS =
            List.of("CMCD-Request", "CMCD-Object", "CMCD-Status", "CMCD-Session");

    private static final String QUERY_PARAMETER = "CMCD";

    private CmcdTransport() {}

    /**
     * Reads the {@code CMCD} parameter from a URL, a query string ({@code a=b&CMCD=...}) or a query
     * string starting with {@code ?}. No parameter gives an empty dictionary.
     */
    public static Map<String, Object> fromQuery(String urlOrQuery) throws StructuredFieldException {
        int question = urlOrQuery.indexOf('?');
        String query = question >= 0 ? urlOrQuery.substring(question + 1) : urlOrQuery;
        int hash = query.indexOf('#');
        if (hash >= 0) {
            query = query.substring(0, hash);
        }
        for (String parameter : query.split("&")) {
            int eq = parameter.indexOf('=');
            String name = eq >= 0 ? parameter.substring(0, eq) : parameter;
            if (name.equals(QUERY_PARAMETER)) {
                String encoded = eq >= 0 ? parameter.substring(eq + 1) : "";
                return StructuredFieldParser.parseDictionary(percentDecode(encoded));
            }
        }
        return Map.of();
    }

    /** Merges the four CMCD headers (names matched case-insensitively; others ignored). */
    public static Map<String, Object> fromHeaders(Map<String, String> headers)
            throws StructuredFieldException {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (isCmcdHeader(header.getKey()) && header.getValue() != null) {
                merged.putAll(StructuredFieldParser.parseDictionary(header.getValue().strip()));
            }
        }
        return merged;
    }

    /**
     * Reads a v2 event-mode body: one report per line (CTA-5004-B batches reports as lines of one
     * POST body), in the order sent; blank lines are skipped.
     */
    public static List<Map<String, Object>> fromBody(String body) throws StructuredFieldException {
        List<Map<String, Object>> reports = new ArrayList<>();
        for (String line : body.split("\r?\n")) {
            if (!line.isBlank()) {
                reports.add(StructuredFieldParser.parseDictionary(line.strip()));
            }
        }
        return reports;
    }

    private static boolean isCmcdHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return HEADERS.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).equals(lower));
    }

    /** RFC 3986 percent-decoding; unlike form decoding, '+' stays '+'. */
    static String percentDecode(String encoded) throws StructuredFieldException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new StructuredFieldException("truncated percent escape", i);
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new StructuredFieldException("bad percent escape", i);
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
