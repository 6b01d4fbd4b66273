package io.reelstream.schemas.json;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.events.QoeEvent;

/** Strict decoder of the {@code qoe} contract (see docs/event-contracts.md). */
public final class QoeJsonDecoder extends JsonEventDecoder<QoeEvent> {

    private static final long serialVersionUID = 1L;

    /** An hour of buffer is no player we know of. */
    static final long MAX_BUFFER_MS = 3_600_000L;

    /** 200 Mbit/s encoded bitrate: beyond any 8K ladder. */
    static final int MAX_BITRATE_KBPS = 200_000;

    /** 100 Gbit/s measured throughput. */
    static final int MAX_THROUGHPUT_KBPS = 100_000_000;

    public QoeJsonDecoder(DecodeLimits limits) {
        super(limits, false);
    }

    @Override
    QoeEvent read(int version, JsonFields fields, String key, long nowMillis) {
        return switch (version) {
            case 1 -> readV1(fields, nowMillis);
            default -> throw unsupported(version);
        };
    }

    private QoeEvent readV1(JsonFields f, long nowMillis) {
        return new QoeEvent(
                1,
                f.text("eventId"),
                Checks.eventTime("eventTime", f.longValue("eventTime"), nowMillis, limits),
                f.text("playbackId"),
                f.optionalText("userId"),
                f.optionalText("titleId"),
                f.enumValue("state", PlayerState.class),
                Checks.range("bufferMs", f.optionalLong("bufferMs"), 0, MAX_BUFFER_MS),
                Checks.range("bitrateKbps", f.optionalInt("bitrateKbps"), 1, MAX_BITRATE_KBPS),
                Checks.range(
                        "throughputKbps", f.optionalInt("throughputKbps"), 0, MAX_THROUGHPUT_KBPS),
                f.text("cdn"),
                f.optionalText("isp"),
                Checks.range("asn", f.optionalInt("asn"), 0, Integer.MAX_VALUE),
                f.enumValue("deviceType", DeviceType.class),
                Checks.country("country", f.text("country")),
                f.optionalText("errorCode"));
    }
}
