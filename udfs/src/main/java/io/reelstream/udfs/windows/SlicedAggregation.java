package io.reelstream.udfs.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sliced (tiled) sliding-window aggregation over one {@link SlicedWindow}: an event updates the one
 * slice that contains it, a window value is the merge of the slices it covers, and slices that left
 * the window are dropped. Flink-free; the store decides where slices live.
 *
 * @param <A> slice accumulator
 */
public final class SlicedAggregation<A extends Mergeable<A>> {

    private final SlicedWindow window;
    private final Supplier<A> factory;

    public SlicedAggregation(SlicedWindow window, Supplier<A> factory) {
        this.window = window;
        this.factory = factory;
    }

    public SlicedWindow window() {
        return window;
    }

    /**
     * Applies {@code update} to the slice containing {@code eventTime}, unless that slice already
     * left the window at {@code asOf}.
     *
     * @return the start of the updated slice, or {@code Long.MIN_VALUE} if it was expired
     */
    public long update(KeyValueStore<Long, A> slices, long eventTime, long asOf, Consumer<A> update)
            throws Exception {
        long start = window.sliceStart(eventTime);
        if (window.expiryTime(start) <= asOf) {
            return Long.MIN_VALUE;
        }
        A slice = slices.get(start);
        if (slice == null) {
            slice = factory.get();
        }
        update.accept(slice);
        slices.put(start, slice);
        return start;
    }

    /** The merge of every slice the window covers at {@code asOf}. */
    public A merged(KeyValueStore<Long, A> slices, long asOf) throws Exception {
        A result = factory.get();
        for (Map.Entry<Long, A> slice : slices.entries()) {
            if (window.covers(slice.getKey(), asOf)) {
                result.mergeFrom(slice.getValue());
            }
        }
        return result;
    }

    /**
     * When the oldest held slice leaves the window (slices iterate in start order), or {@code
     * Long.MIN_VALUE} if none is held.
     */
    public long nextExpiry(KeyValueStore<Long, A> slices) throws Exception {
        for (Map.Entry<Long, A> oldest : slices.entries()) {
            return window.expiryTime(oldest.getKey());
        }
        return Long.MIN_VALUE;
    }

    /**
     * Drops slices that left the window at {@code asOf}: the oldest ones, so the walk stops at the
     * first slice still inside (entries come in start order).
     *
     * @return how many slices were dropped
     */
    public int expire(KeyValueStore<Long, A> slices, long asOf) throws Exception {
        List<Long> expired = new ArrayList<>();
        for (Map.Entry<Long, A> slice : slices.entries()) {
            if (window.expiryTime(slice.getKey()) > asOf) {
                break;
            }
            expired.add(slice.getKey());
        }
        for (Long start : expired) {
            slices.remove(start);
        }
        return expired.size();
    }
}
