package io.reelstream.udfs.windows;

import java.util.Map;

/**
 * The few map operations the slicing math needs, so the same code runs on Flink {@code MapState}
 * (RocksDB: one entry per slice, O(1) per event) and on an in-memory map in reference tests.
 */
public interface KeyValueStore<K, V> {

    /** The value under {@code key}, or {@code null}. */
    V get(K key) throws Exception;

    void put(K key, V value) throws Exception;

    void remove(K key) throws Exception;

    /** All entries; callers must not modify the store while iterating. */
    Iterable<Map.Entry<K, V>> entries() throws Exception;

    /** Whether the store holds no entry. */
    boolean isEmpty() throws Exception;
}
