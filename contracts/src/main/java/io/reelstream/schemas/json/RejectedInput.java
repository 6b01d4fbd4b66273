package io.reelstream.schemas.json;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.deadletter.Rejection;

/**
 * Internal control flow of the decoders: thrown by field checks, always caught by {@link
 * JsonEventDecoder} and turned into a rejection. Never escapes a decoder. No stack trace (cheap).
 */
final class RejectedInput extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    RejectedInput(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    Rejection rejection() {
        return new Rejection(reason, getMessage());
    }
}
