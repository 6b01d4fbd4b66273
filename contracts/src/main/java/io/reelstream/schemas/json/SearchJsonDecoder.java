package io.reelstream.schemas.json;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.SearchEvent;

import java.util.List;

/** Strict decoder of the {@code search} contract (see docs/event-contracts.md). */
public final class SearchJsonDecoder extends JsonEventDecoder<SearchEvent> {

    private static final long serialVersionUID = 1L;

    static final int MAX_QUERY_CHARS = 1_000;

    public SearchJsonDecoder(DecodeLimits limits) {
        super(limits, false);
    }

    @Override
    SearchEvent read(int version, JsonFields fields, String key, long nowMillis) {
        return switch (version) {
            case 1 -> readV1(fields, nowMillis);
            default -> throw unsupported(version);
        };
    }

    private SearchEvent readV1(JsonFields f, long nowMillis) {
        String query = f.text("query");
        if (query.length() > MAX_QUERY_CHARS) {
            throw JsonFields.reject(
                    RejectReason.INVALID_VALUE, "query: longer than " + MAX_QUERY_CHARS);
        }
        int resultCount =
                (int) Checks.range("resultCount", f.intValue("resultCount"), 0, Integer.MAX_VALUE);
        List<String> resultTitleIds = f.textList("resultTitleIds");
        if (resultTitleIds.size() > resultCount) {
            throw JsonFields.reject(
                    RejectReason.INVALID_VALUE, "resultTitleIds: more ids than resultCount");
        }
        return new SearchEvent(
                1,
                f.text("eventId"),
                Checks.eventTime("eventTime", f.longValue("eventTime"), nowMillis, limits),
                f.text("userId"),
                f.enumValue("deviceType", DeviceType.class),
                Checks.country("country", f.text("country")),
                query,
                resultCount,
                resultTitleIds);
    }
}
