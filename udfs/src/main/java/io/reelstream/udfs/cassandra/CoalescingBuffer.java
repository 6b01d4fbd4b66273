package io.reelstream.udfs.cassandra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elements waiting to be written, at most one per key: of several buffered updates of one key only
 * the one with the highest write timestamp is kept (on equal timestamps, the later arrival), so the
 * Cassandra write rate is bounded by the number of distinct keys, not by the event rate. Writing
 * only the newest is safe because every write carries its timestamp: the older ones would lose
 * against it in Cassandra anyway.
 */
public final class CoalescingBuffer<T> {

    private final Map<Object, Entry<T>> byKey = new LinkedHashMap<>();

    /**
     * Buffers {@code element} under {@code key} unless a newer one is already buffered.
     *
     * @return {@code true} if an element was coalesced away (either the old or the new one)
     */
    public boolean add(Object key, long timestampMicros, T element) {
        Entry<T> previous = byKey.get(key);
        if (previous == null) {
            byKey.put(key, new Entry<>(timestampMicros, element));
            return false;
        }
        if (timestampMicros >= previous.timestampMicros) {
            byKey.put(key, new Entry<>(timestampMicros, element));
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

    /** Removes and returns the buffered elements, in order of each key's first arrival. */
    public List<T> drain() {
        List<T> drained = new ArrayList<>(byKey.size());
        for (Entry<T> entry : byKey.values()) {
            drained.add(entry.element);
        }
        byKey.clear();
        return drained;
    }

    private record Entry<T>(long timestampMicros, T element) {}
}
