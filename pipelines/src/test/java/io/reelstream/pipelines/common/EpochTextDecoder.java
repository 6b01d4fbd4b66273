package io.reelstream.pipelines.common;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.EventDecoder;
import io.reelstream.schemas.decode.RawRecord;

import java.nio.charset.StandardCharsets;

/** Test decoder: the value is an epoch-ms number as text; anything else is rejected. */
final class EpochTextDecoder implements EventDecoder<Long> {

    static final long MAX_VALID = 1_000_000_000L;

    @Override
    public DecodeResult<Long> decode(RawRecord record, long nowMillis) {
        String text = new String(record.value(), StandardCharsets.UTF_8);
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            return DecodeResult.rejected(RejectReason.MALFORMED_JSON, "not a number: " + text);
        }
        return value > MAX_VALID
                ? DecodeResult.rejected(RejectReason.FUTURE_EVENT_TIME, text)
                : DecodeResult.ok(value);
    }
}
