package io.reelstream.udfs.windows;

import java.io.Serializable;

/**
 * A sliding window evaluated as a merge of fixed slices (tiles): it exists so that one event
 * touches one slice instead of being copied into every overlapping window.
 *
 * <p>At evaluation time {@code asOf} the window covers the slice containing {@code asOf} and the
 * {@code size / slice - 1} slices before it. A slice starting at {@code s} therefore leaves the
 * window exactly when {@code asOf >= s + size}: the window is never staler than one slice.
 *
 * @param name short name used in feature names, e.g. {@code 24h}
 * @param sizeMs window length, ms; a multiple of {@code sliceMs}
 * @param sliceMs slice length, ms
 */
public record SlicedWindow(String name, long sizeMs, long sliceMs) implements Serializable {

    public SlicedWindow {
        if (sliceMs <= 0 || sizeMs <= 0 || sizeMs % sliceMs != 0) {
            throw new IllegalArgumentException(
                    "window " + name + ": size must be a positive multiple of the slice");
        }
    }

    /** Start of the slice that contains {@code timestamp}. */
    public long sliceStart(long timestamp) {
        return timestamp - Math.floorMod(timestamp, sliceMs);
    }

    /** Start of the oldest slice still inside the window evaluated at {@code asOf}. */
    public long oldestSliceStart(long asOf) {
        return sliceStart(asOf) - sizeMs + sliceMs;
    }

    /** Whether the slice starting at {@code sliceStart} is inside the window at {@code asOf}. */
    public boolean covers(long sliceStart, long asOf) {
        return sliceStart >= oldestSliceStart(asOf) && sliceStart <= sliceStart(asOf);
    }

    /** Whether an event at {@code eventTime} counts in the window evaluated at {@code asOf}. */
    public boolean coversEvent(long eventTime, long asOf) {
        return eventTime <= asOf && covers(sliceStart(eventTime), asOf);
    }

    /** The earliest evaluation time at which the slice starting at {@code sliceStart} is gone. */
    public long expiryTime(long sliceStart) {
        return sliceStart + sizeMs;
    }

    /** Number of slices the window merges. */
    public int sliceCount() {
        return (int) (sizeMs / sliceMs);
    }
}
