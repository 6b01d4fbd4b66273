package io.reelstream.schemas.json;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;

/** Strict decoder of the {@code playback} contract (see docs/event-contracts.md). */
public final class PlaybackJsonDecoder extends JsonEventDecoder<PlaybackEvent> {

    private static final long serialVersionUID = 1L;

    public PlaybackJsonDecoder(DecodeLimits limits) {
        super(limits, false);
    }

    @Override
    PlaybackEvent read(int version, JsonFields fields, String key, long nowMillis) {
        return switch (version) {
            case 1 -> readV1(fields, nowMillis);
            default -> throw unsupported(version);
        };
    }

    private PlaybackEvent readV1(JsonFields f, long nowMillis) {
        PlaybackEventType type =
                f.enumValue("type", PlaybackEventType.class, RejectReason.UNKNOWN_EVENT_TYPE);
        long runtimeMs =
                Checks.range("runtimeMs", f.longValue("runtimeMs"), 1, Checks.MAX_RUNTIME_MS);
        long maxPosition = runtimeMs + limits.positionToleranceMs();
        return new PlaybackEvent(
                1,
                f.text("eventId"),
                type,
                Checks.eventTime("eventTime", f.longValue("eventTime"), nowMillis, limits),
                f.text("userId"),
                f.optionalText("profileId"),
                f.enumValue("deviceType", DeviceType.class),
                Checks.country("country", f.text("country")),
                f.text("titleId"),
                f.text("playbackId"),
                Checks.range("positionMs", f.longValue("positionMs"), 0, maxPosition),
                runtimeMs,
                Checks.range("seekFromMs", f.optionalLong("seekFromMs"), 0, maxPosition));
    }
}
