package io.reelstream.schemas.json;

import io.reelstream.schemas.events.QoeEvent;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/** Writes the {@code qoe} contract, version {@link QoeEvent#CURRENT_VERSION}. */
public final class QoeJsonEncoder extends JsonObjectEncoder<QoeEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    void writeFields(QoeEvent e, JsonGenerator g) throws IOException {
        g.writeNumberField("v", QoeEvent.CURRENT_VERSION);
        optional(g, "eventId", e.eventId());
        g.writeNumberField("eventTime", e.eventTime());
        optional(g, "playbackId", e.playbackId());
        optional(g, "userId", e.userId());
        optional(g, "titleId", e.titleId());
        optional(g, "state", e.state());
        optional(g, "bufferMs", e.bufferMs());
        optional(g, "bitrateKbps", e.bitrateKbps());
        optional(g, "throughputKbps", e.throughputKbps());
        optional(g, "cdn", e.cdn());
        optional(g, "isp", e.isp());
        optional(g, "asn", e.asn());
        optional(g, "deviceType", e.deviceType());
        optional(g, "country", e.country());
        optional(g, "errorCode", e.errorCode());
    }
}
