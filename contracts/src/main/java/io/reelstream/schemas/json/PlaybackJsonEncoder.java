package io.reelstream.schemas.json;

import io.reelstream.schemas.events.PlaybackEvent;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/** Writes the {@code playback} contract, version {@link PlaybackEvent#CURRENT_VERSION}. */
public final class PlaybackJsonEncoder extends JsonObjectEncoder<PlaybackEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    void writeFields(PlaybackEvent e, JsonGenerator g) throws IOException {
        g.writeNumberField("v", PlaybackEvent.CURRENT_VERSION);
        optional(g, "eventId", e.eventId());
        optional(g, "type", e.type());
        g.writeNumberField("eventTime", e.eventTime());
        optional(g, "userId", e.userId());
        optional(g, "profileId", e.profileId());
        optional(g, "deviceType", e.deviceType());
        optional(g, "country", e.country());
        optional(g, "titleId", e.titleId());
        optional(g, "playbackId", e.playbackId());
        g.writeNumberField("positionMs", e.positionMs());
        g.writeNumberField("runtimeMs", e.runtimeMs());
        optional(g, "seekFromMs", e.seekFromMs());
    }
}
