package io.reelstream.schemas.json;

import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.decode.EventDecoder;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.events.SearchEvent;

/**
 * The entry point to the JSON wire format of every contract: one strict decoder and one encoder per
 * contract. Decoders never throw; encoders write the current version.
 */
public final class EventCodecs {

    private EventCodecs() {}

    public static EventDecoder<PlaybackEvent> playbackDecoder(DecodeLimits limits) {
        return new PlaybackJsonDecoder(limits);
    }

    public static EventDecoder<QoeEvent> qoeDecoder(DecodeLimits limits) {
        return new QoeJsonDecoder(limits);
    }

    public static EventDecoder<SearchEvent> searchDecoder(DecodeLimits limits) {
        return new SearchJsonDecoder(limits);
    }

    /** Requires the record key to equal {@code titleId}. */
    public static EventDecoder<CatalogRecord> catalogDecoder(DecodeLimits limits) {
        return new CatalogJsonDecoder(limits);
    }

    public static EventDecoder<DeadLetter> deadLetterDecoder(DecodeLimits limits) {
        return new DeadLetterJsonDecoder(limits);
    }

    public static JsonEncoder<PlaybackEvent> playbackEncoder() {
        return new PlaybackJsonEncoder();
    }

    public static JsonEncoder<QoeEvent> qoeEncoder() {
        return new QoeJsonEncoder();
    }

    public static JsonEncoder<SearchEvent> searchEncoder() {
        return new SearchJsonEncoder();
    }

    public static JsonEncoder<CatalogRecord> catalogEncoder() {
        return new CatalogJsonEncoder();
    }

    public static JsonEncoder<DeadLetter> deadLetterEncoder() {
        return new DeadLetterJsonEncoder();
    }
}
