package io.reelstream.udfs.windows;

import java.util.Map;
import java.util.TreeMap;

/** An in-memory {@link KeyValueStore}: for references, benchmarks and Flink-free tests. */
public final class TreeMapStore<K extends Comparable<K>, V> implements KeyValueStore<K, V> {

    private final TreeMap<K, V> map = new TreeMap<>();

    @Override
    public V get(K key) {
        return map.get(key);
    }

    @Override
    public void put(K key, V value) {
        map.put(key, value);
    }

    @Override
    public void remove(K key) {
        map.remove(key);
    }

    @Override
    public Iterable<Map.Entry<K, V>> entries() {
        return map.entrySet();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    /** Removes every entry. */
    public void clear() {
        map.clear();
    }

    /** Number of entries. */
    public int size() {
        return map.size();
    }
}
