package io.reelstream.udfs.cassandra.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elements waiting to be written, at most one per key: of several buffered updates of one key only
 * the one with the highest write timestamp is kept (on equal timestamps, the later arrival), so the
 * Cassandra write rate is bounded by the number of distinct keys, not by the event rate. Writing
 * only the newest is safe because every write carries its timestamp: the older ones would lose
 * against it in Cassandra anyway.
 *
 * <p>Keys stay in order of their first arrival (a newer update keeps its key's place and arrival
 * time), so the key to write next is always the eldest: each key waits at most one coalescing
 * window, and writes leave the buffer at the rate keys arrive.
 */
final class CoalescingBuffer<T> {

    private final Map<Object, Entry<T>> byKey = new LinkedHashMap<>();

    /** {@link #add(Object, long, Object, long)} with no arrival time (for callers that drain). */
    public boolean add(Object key, long timestampMicros, T element) {
        return add(key, timestampMicros, element, 0L);
    }

    /**
     * Buffers {@code element} under {@code key} unless a newer one is already buffered.
     *
     * @param arrivalMillis processing time now; counts only for a key not buffered yet
     * @return {@code true} if an element was coalesced away (either the old or the new one)
     */
    public boolean add(Object key, long timestampMicros, T element, long arrivalMillis) {
        Entry<T> previous = byKey.get(key);
        if (previous == null) {
            byKey.put(key, new Entry<>(timestampMicros, arrivalMillis, element));
            return false;
        }
        if (timestampMicros >= previous.timestampMicros) {
            byKey.put(key, new Entry<>(timestampMicros, previous.arrivalMillis, element));
        }
        return true;
    }

    /** Buffered keys. */
    public int size() {
        return byKey.size();
    }

    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    /** First arrival of the key buffered longest, or {@link Long#MAX_VALUE} if empty. */
    public long eldestArrivalMillis() {
        return byKey.isEmpty() ? Long.MAX_VALUE : byKey.values().iterator().next().arrivalMillis;
    }

    /**
     * Removes and returns the element of the key buffered longest (the earliest first arrival).
     *
     * @throws java.util.NoSuchElementException if the buffer is empty
     */
    public T pollEldest() {
        Iterator<Entry<T>> eldest = byKey.values().iterator();
        T element = eldest.next().element;
        eldest.remove();
        return element;
    }

    /** Removes and returns the buffered elements, in order of each key's first arrival. */
    public List<T> drain() {
        List<T> drained = new ArrayList<>(byKey.size());
        for (Entry<T> entry : byKey.values()) {
            drained.add(entry.element);
        }
        byKey.clear();
        return drained;
    }

    private record Entry<T>(long timestampMicros, long arrivalMillis, T element) {}
}
