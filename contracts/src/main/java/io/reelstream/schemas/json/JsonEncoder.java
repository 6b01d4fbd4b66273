package io.reelstream.schemas.json;

import java.io.Serializable;

/** Writes one contract as the JSON its decoder reads; the generator, sinks and tests use these. */
public interface JsonEncoder<T> extends Serializable {

    /** UTF-8 JSON bytes of {@code value}, at the contract's current version. */
    byte[] encode(T value);
}
