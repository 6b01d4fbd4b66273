package io.reelstream.udfs.windows;

/** An accumulator whose partial results combine; what makes slices mergeable into windows. */
public interface Mergeable<A> {

    /** Adds {@code other} into this accumulator; {@code other} is left unchanged. */
    void mergeFrom(A other);
}
