package io.reelstream.udfs.windows;

import java.util.Map;

/**
 * The few map operations the slicing math needs, so the math does not depend on where slices live
 * (today an in-memory map inside one per-user state value, see {@code UserSessionState}).
 */
public interface KeyValueStore<K, V> {

    /** The value under {@code key}, or {@code null}. */
    V get(K key) throws Exception;

    void put(K key, V value) throws Exception;

    void remove(K key) throws Exception;

    /** All entries in ascending key order; callers must not modify the store while iterating. */
    Iterable<Map.Entry<K, V>> entries() throws Exception;

    /** Whether the store holds no entry. */
    boolean isEmpty() throws Exception;
}
