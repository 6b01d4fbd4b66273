package io.reelstream.schemas.json;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.TitleKind;

/**
 * Strict decoder of the {@code catalog} contract (see docs/event-contracts.md). The catalog topic
 * is compacted and keyed by {@code titleId}: a null or empty key is NULL_KEY, a key that differs
 * from the payload's {@code titleId} is INVALID_VALUE.
 */
public final class CatalogJsonDecoder extends JsonEventDecoder<CatalogRecord> {

    private static final long serialVersionUID = 1L;

    static final int MAX_SEASON_OR_EPISODE = 10_000;

    public CatalogJsonDecoder(DecodeLimits limits) {
        super(limits, true);
    }

    @Override
    CatalogRecord read(int version, JsonFields fields, String key, long nowMillis) {
        return switch (version) {
            case 1 -> readV1(fields, key, nowMillis);
            default -> throw unsupported(version);
        };
    }

    private CatalogRecord readV1(JsonFields f, String key, long nowMillis) {
        String titleId = f.text("titleId");
        if (!titleId.equals(key)) {
            throw JsonFields.reject(RejectReason.INVALID_VALUE, "titleId differs from record key");
        }
        TitleKind kind = f.enumValue("kind", TitleKind.class);
        String seriesId = f.optionalText("seriesId");
        if (kind == TitleKind.EPISODE && seriesId == null) {
            throw JsonFields.missing("seriesId");
        }
        long runtimeMs =
                Checks.range("runtimeMs", f.longValue("runtimeMs"), 1, Checks.MAX_RUNTIME_MS);
        return new CatalogRecord(
                1,
                titleId,
                f.text("name"),
                kind,
                seriesId,
                Checks.range("season", f.optionalInt("season"), 1, MAX_SEASON_OR_EPISODE),
                Checks.range("episode", f.optionalInt("episode"), 1, MAX_SEASON_OR_EPISODE),
                runtimeMs,
                Checks.range("creditsOffsetMs", f.optionalLong("creditsOffsetMs"), 0, runtimeMs),
                f.textList("genres"),
                Checks.eventTime("updatedAt", f.longValue("updatedAt"), nowMillis, limits));
    }
}
