package io.reelstream.udfs.features;

import io.reelstream.udfs.windows.KeyValueStore;

import org.apache.flink.api.common.state.MapState;

import java.util.Map;

/**
 * A {@link KeyValueStore} over Flink keyed {@link MapState} of the current key: the Flink side of
 * the (Flink-free) slicing math in {@code io.reelstream.udfs.windows}.
 */
public final class MapStateStore<K, V> implements KeyValueStore<K, V> {

    private final MapState<K, V> state;

    public MapStateStore(MapState<K, V> state) {
        this.state = state;
    }

    @Override
    public V get(K key) throws Exception {
        return state.get(key);
    }

    @Override
    public void put(K key, V value) throws Exception {
        state.put(key, value);
    }

    @Override
    public void remove(K key) throws Exception {
        state.remove(key);
    }

    @Override
    public Iterable<Map.Entry<K, V>> entries() throws Exception {
        return state.entries();
    }

    @Override
    public boolean isEmpty() throws Exception {
        return state.isEmpty();
    }
}
