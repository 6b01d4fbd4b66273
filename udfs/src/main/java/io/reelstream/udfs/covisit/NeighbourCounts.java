package io.reelstream.udfs.covisit;

/**
 * The item count n(s) of a neighbour, as a title's side knows it: exact in the replay, the newest
 * heard snapshot (as fresh as the item replica) in the streaming job. Values are stored as of their
 * own newest event time, as {@link io.reelstream.udfs.mf.DecayedCount} keeps them.
 */
public interface NeighbourCounts {

    /** n(s) as of {@link #countAsOf}; 0 if unknown. */
    double count(int neighbour);

    /** The event time {@link #count} is expressed at; {@code Long.MIN_VALUE} if unknown. */
    long countAsOf(int neighbour);
}
