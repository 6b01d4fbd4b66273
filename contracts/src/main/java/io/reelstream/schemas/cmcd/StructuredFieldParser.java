package io.reelstream.schemas.cmcd;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses an RFC 8941 structured-field dictionary (section 4.2.2), the syntax of every CMCD payload.
 * Values come back as {@link Long} (integer), {@link BigDecimal} (decimal), {@link String}
 * (string), {@link SfToken} (token), {@code byte[]} (byte sequence), {@link Boolean} and {@code
 * List<Object>} (inner list). Parameters are parsed for syntax and dropped: CMCD does not use them.
 * A key without a value is {@code true}; a repeated key keeps its first position and last value.
 */
public final class StructuredFieldParser {

    private final String input;
    private int pos;

    private StructuredFieldParser(String input) {
        this.input = input;
    }

    /** Parses one dictionary; empty or blank input gives an empty map. */
    public static Map<String, Object> parseDictionary(String text) throws StructuredFieldException {
        StructuredFieldParser parser = new StructuredFieldParser(text);
        parser.skipSpaces();
        Map<String, Object> members = parser.dictionary();
        parser.skipSpaces();
        if (!parser.atEnd()) {
            throw parser.error("unexpected trailing characters");
        }
        return members;
    }

    private Map<String, Object> dictionary() throws StructuredFieldException {
        Map<String, Object> members = new LinkedHashMap<>();
        while (!atEnd()) {
            String key = key();
            Object value;
            if (!atEnd() && peek() == '=') {
                pos++;
                value = !atEnd() && peek() == '(' ? innerList() : item();
            } else {
                value = Boolean.TRUE;
                parameters();
            }
            members.put(key, value);
            skipOptionalWhitespace();
            if (atEnd()) {
                return members;
            }
            expect(',');
            skipOptionalWhitespace();
            if (atEnd()) {
                throw error("trailing comma");
            }
        }
        return members;
    }

    private List<Object> innerList() throws StructuredFieldException {
        expect('(');
        List<Object> items = new ArrayList<>();
        while (!atEnd()) {
            skipSpaces();
            if (peek() == ')') {
                pos++;
                parameters();
                return items;
            }
            items.add(item());
            if (!atEnd() && peek() != ' ' && peek() != ')') {
                throw error("expected space or ')' in inner list");
            }
        }
        throw error("unterminated inner list");
    }

    private Object item() throws StructuredFieldException {
        Object value = bareItem();
        parameters();
        return value;
    }

    private void parameters() throws StructuredFieldException {
        while (!atEnd() && peek() == ';') {
            pos++;
            skipSpaces();
            key();
            if (!atEnd() && peek() == '=') {
                pos++;
                bareItem();
            }
        }
    }

    private Object bareItem() throws StructuredFieldException {
        if (atEnd()) {
            throw error("missing value");
        }
        char c = peek();
        if (c == '-' || isDigit(c)) {
            return number();
        }
        if (c == '"') {
            return string();
        }
        if (c == ':') {
            return byteSequence();
        }
        if (c == '?') {
            return bool();
        }
        if (isAlpha(c) || c == '*') {
            return token();
        }
        throw error("unexpected character '" + c + "'");
    }

    private Object number() throws StructuredFieldException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int intDigits = countDigits();
        if (intDigits == 0) {
            throw error("number without digits");
        }
        if (atEnd() || peek() != '.') {
            if (intDigits > 15) {
                throw error("integer longer than 15 digits");
            }
            return Long.parseLong(input.substring(start, pos));
        }
        pos++;
        int fractionDigits = countDigits();
        if (intDigits > 12 || fractionDigits == 0 || fractionDigits > 3) {
            throw error("decimal out of range");
        }
        return new BigDecimal(input.substring(start, pos));
    }

    private int countDigits() {
        int start = pos;
        while (!atEnd() && isDigit(peek())) {
            pos++;
        }
        return pos - start;
    }

    private String string() throws StructuredFieldException {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (!atEnd()) {
            char c = input.charAt(pos++);
            if (c == '\\') {
                if (atEnd() || (peek() != '"' && peek() != '\\')) {
                    throw error("bad escape in string");
                }
                out.append(input.charAt(pos++));
            } else if (c == '"') {
                return out.toString();
            } else if (c < 0x20 || c > 0x7E) {
                throw error("non-printable character in string");
            } else {
                out.append(c);
            }
        }
        throw error("unterminated string");
    }

    private SfToken token() {
        int start = pos;
        pos++;
        while (!atEnd() && isTokenChar(peek())) {
            pos++;
        }
        return new SfToken(input.substring(start, pos));
    }

    private byte[] byteSequence() throws StructuredFieldException {
        expect(':');
        int end = input.indexOf(':', pos);
        if (end < 0) {
            throw error("unterminated byte sequence");
        }
        String encoded = input.substring(pos, end);
        pos = end + 1;
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw error("bad base64 in byte sequence");
        }
    }

    private Boolean bool() throws StructuredFieldException {
        expect('?');
        if (!atEnd() && (peek() == '0' || peek() == '1')) {
            return input.charAt(pos++) == '1';
        }
        throw error("boolean must be ?0 or ?1");
    }

    private String key() throws StructuredFieldException {
        if (atEnd() || !(isLowerAlpha(peek()) || peek() == '*')) {
            throw error("key must start with a lowercase letter or '*'");
        }
        int start = pos;
        while (!atEnd() && isKeyChar(peek())) {
            pos++;
        }
        return input.substring(start, pos);
    }

    private void expect(char c) throws StructuredFieldException {
        if (atEnd() || peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpaces() {
        while (!atEnd() && peek() == ' ') {
            pos++;
        }
    }

    private void skipOptionalWhitespace() {
        while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
            pos++;
        }
    }

    private StructuredFieldException error(String message) {
        return new StructuredFieldException(message, pos);
    }

    private boolean atEnd() {
        return pos >= input.length();
    }

    private char peek() {
        return input.charAt(pos);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLowerAlpha(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isAlpha(char c) {
        return isLowerAlpha(c) || (c >= 'A' && c <= 'Z');
    }

    /**
     * RFC 8941 allows only lowercase here; uppercase is accepted because CTA-5004's own custom-key
     * example ({@code com.example-myNumericKey}) uses it, and unknown keys must never be fatal.
     */
    private static boolean isKeyChar(char c) {
        return isAlpha(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == '*';
    }

    private static boolean isTokenChar(char c) {
        return isAlpha(c) || isDigit(c) || "!#$%&'*+-.^_`|~:/".indexOf(c) >= 0;
    }
}
