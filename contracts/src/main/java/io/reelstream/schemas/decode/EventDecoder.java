package io.reelstream.schemas.decode;

import java.io.Serializable;

/**
 * Strictly decodes one contract's records. Implementations never throw on bad input: every problem
 * becomes a {@link DecodeResult.Rejected} with a machine-readable reason.
 */
public interface EventDecoder<T> extends Serializable {

    /**
     * @param record the raw record
     * @param nowMillis wall-clock "now" used for the future-skew check
     */
    DecodeResult<T> decode(RawRecord record, long nowMillis);
}
