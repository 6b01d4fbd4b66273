package io.reelstream.schemas.decode;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.deadletter.Rejection;

/** The outcome of decoding one record: a typed event, or the reason it was rejected. */
public sealed interface DecodeResult<T> {

    /** A record that decoded and passed every check. */
    record Ok<T>(T value) implements DecodeResult<T> {}

    /** A record that must go to the dead-letter topic. */
    record Rejected<T>(Rejection rejection) implements DecodeResult<T> {}

    static <T> DecodeResult<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> DecodeResult<T> rejected(RejectReason reason, String detail) {
        return new Rejected<>(new Rejection(reason, detail));
    }
}
