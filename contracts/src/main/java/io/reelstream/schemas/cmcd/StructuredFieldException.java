package io.reelstream.schemas.cmcd;

/** A structured-field (RFC 8941) text that does not follow the grammar; carries the position. */
public class StructuredFieldException extends Exception {

    public StructuredFieldException(String message, int position) {
        super(message + " at position " + position);
    }
}
