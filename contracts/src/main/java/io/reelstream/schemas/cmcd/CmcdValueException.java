package io.reelstream.schemas.cmcd;

/** A CMCD key this build knows carries a value of the wrong type or range. */
public class CmcdValueException extends Exception {

    public CmcdValueException(String message) {
        super(message);
    }
}
