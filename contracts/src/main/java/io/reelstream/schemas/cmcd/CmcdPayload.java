package io.reelstream.schemas.cmcd;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CMCD (CTA-5004) keys of one report, typed: v1 request keys, the v2 event-mode keys {@code
 * ts}, {@code sta}, {@code e} and {@code sn}, and the CTA-5004-B keys that report QoE directly
 * ({@code msd}, {@code bsa}, {@code bsda}, {@code bsd}, {@code dfa}, {@code pt}, {@code ltc},
 * {@code bg}, {@code ec}). Absent keys are {@code null}; keys this build does not know are kept in
 * {@code otherKeys} and never make a payload invalid.
 *
 * <p>Per-track inner lists: {@code bl}, {@code br}, {@code mtp} keep their first entry (the playing
 * track); the absolute starvation counters {@code bsa} and {@code bsda} keep the largest entry (one
 * starvation of audio and video is one starvation of the player, not two); {@code bsd} keeps the
 * sum and the number of its entries.
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
        Long sn,
        Long msd,
        Long bsa,
        Long bsda,
        Long bsdSum,
        Integer bsdCount,
        Long dfa,
        Long pt,
        Long ltc,
        Boolean bg,
        String ec,
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
                longInteger(other, "sn"),
                longInteger(other, "msd"),
                largest(other, "bsa"),
                largest(other, "bsda"),
                sum(other.get("bsd")),
                count(other.remove("bsd")),
                longInteger(other, "dfa"),
                longInteger(other, "pt"),
                longInteger(other, "ltc"),
                bool(other, "bg"),
                firstString(other, "ec"),
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

    /** The largest integer of a per-track inner list (or the plain integer). */
    private static Long largest(Map<String, Object> members, String key) throws CmcdValueException {
        Object value = members.remove(key);
        Long max = null;
        for (Object entry : entries(value)) {
            long number = nonNegative(key, entry);
            max = max == null ? number : Math.max(max, number);
        }
        return max;
    }

    private static Long sum(Object value) throws CmcdValueException {
        Long total = null;
        for (Object entry : entries(value)) {
            total = (total == null ? 0 : total) + nonNegative("bsd", entry);
        }
        return total;
    }

    private static Integer count(Object value) {
        List<Object> entries = entries(value);
        return entries.isEmpty() ? null : entries.size();
    }

    private static String firstString(Map<String, Object> members, String key)
            throws CmcdValueException {
        Object value = firstOfList(members.remove(key));
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof SfToken token) {
            return token.value();
        }
        throw wrongType(key, "a string", value);
    }

    private static List<Object> entries(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return List.copyOf(list);
        }
        return List.of(value);
    }

    private static long nonNegative(String key, Object entry) throws CmcdValueException {
        if (!(entry instanceof Long number)) {
            throw wrongType(key, "an integer", entry);
        }
        if (number < 0) {
            throw new CmcdValueException(key + " out of range: " + number);
        }
        return number;
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
