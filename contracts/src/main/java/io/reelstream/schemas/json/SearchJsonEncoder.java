package io.reelstream.schemas.json;

import io.reelstream.schemas.events.SearchEvent;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/** Writes the {@code search} contract, version {@link SearchEvent#CURRENT_VERSION}. */
public final class SearchJsonEncoder extends JsonObjectEncoder<SearchEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    void writeFields(SearchEvent e, JsonGenerator g) throws IOException {
        g.writeNumberField("v", SearchEvent.CURRENT_VERSION);
        optional(g, "eventId", e.eventId());
        g.writeNumberField("eventTime", e.eventTime());
        optional(g, "userId", e.userId());
        optional(g, "deviceType", e.deviceType());
        optional(g, "country", e.country());
        optional(g, "query", e.query());
        g.writeNumberField("resultCount", e.resultCount());
        textList(g, "resultTitleIds", e.resultTitleIds());
    }
}
