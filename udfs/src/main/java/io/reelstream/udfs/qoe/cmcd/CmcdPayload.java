package io.reelstream.udfs.qoe.cmcd;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CMCD (CTA-5004) keys of one report, typed: v1 request keys plus the v2 event-mode keys {@code
 * ts}, {@code sta} and {@code e}. Absent keys are {@code null}; keys this build does not know are
 * kept in {@code otherKeys} and never make a payload invalid.
 */
public record CmcdPayload(
        Integer bl,
        Boolean bs,
        Integer br,
        Integer mtp,
        String sid,
        String cid,
        Boolean su,
        String ot,
        Integer d,
        BigDecimal pr,
        String sf,
        String st,
        Integer tb,
        Integer dl,
        String nor,
        String nrr,
        Integer rtp,
        Integer v,
        Long ts,
        String sta,
        String e,
        Map<String, Object> otherKeys) {

    /** Types the members of a parsed dictionary; a known key with the wrong type is an error. */
    public static CmcdPayload of(Map<String, Object> members) throws CmcdValueException {
        Map<String, Object> other = new LinkedHashMap<>(members);
        return new CmcdPayload(
                integer(other, "bl"),
                bool(other, "bs"),
                integer(other, "br"),
                integer(other, "mtp"),
                string(other, "sid"),
                string(other, "cid"),
                bool(other, "su"),
                token(other, "ot"),
                integer(other, "d"),
                decimal(other, "pr"),
                token(other, "sf"),
                token(other, "st"),
                integer(other, "tb"),
                integer(other, "dl"),
                string(other, "nor"),
                string(other, "nrr"),
                integer(other, "rtp"),
                integer(other, "v"),
                longInteger(other, "ts"),
                token(other, "sta"),
                token(other, "e"),
                Map.copyOf(other));
    }

    /** The CMCD version of the payload: {@code v} if present, else 1 as the standard says. */
    public int version() {
        return v == null ? 1 : v;
    }

    private static Integer integer(Map<String, Object> members, String key)
            throws CmcdValueException {
        Long value = longInteger(members, key);
        if (value == null) {
            return null;
        }
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new CmcdValueException(key + " out of range: " + value);
        }
        return value.intValue();
    }

    private static Long longInteger(Map<String, Object> members, String key)
            throws CmcdValueException {
        Object value = firstOfList(members.remove(key));
        if (value == null || value instanceof Long) {
            return (Long) value;
        }
        throw wrongType(key, "an integer", value);
    }

    private static BigDecimal decimal(Map<String, Object> members, String key)
            throws CmcdValueException {
        Object value = members.remove(key);
        if (value == null || value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if (value instanceof Long number) {
            return BigDecimal.valueOf(number);
        }
        throw wrongType(key, "a decimal", value);
    }

    private static Boolean bool(Map<String, Object> members, String key) throws CmcdValueException {
        Object value = members.remove(key);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        throw wrongType(key, "a boolean", value);
    }

    private static String string(Map<String, Object> members, String key)
            throws CmcdValueException {
        Object value = members.remove(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw wrongType(key, "a string", value);
    }

    private static String token(Map<String, Object> members, String key) throws CmcdValueException {
        Object value = members.remove(key);
        if (value == null) {
            return null;
        }
        if (value instanceof SfToken token) {
            return token.value();
        }
        throw wrongType(key, "a token", value);
    }

    /** CMCD v2 may send per-track values as an inner list; the first entry is the playing one. */
    private static Object firstOfList(Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? null : list.get(0);
        }
        return value;
    }

    private static CmcdValueException wrongType(String key, String expected, Object value) {
        return new CmcdValueException(
                key + " must be " + expected + " but was " + value.getClass().getSimpleName());
    }
}
