package io.reelstream.udfs.testing;

import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;

/** Reads a keyed value state of an operator under test, as the operator itself sees it. */
public final class HarnessState {

    private HarnessState() {}

    /** The value of state {@code name} for {@code key}, or {@code null} if the key has none. */
    public static <K, V> V value(
            KeyedStateBackend<K> backend, K key, String name, TypeSerializer<V> serializer)
            throws Exception {
        backend.setCurrentKey(key);
        return backend.getPartitionedState(
                        VoidNamespace.INSTANCE,
                        VoidNamespaceSerializer.INSTANCE,
                        new ValueStateDescriptor<>(name, serializer))
                .value();
    }
}
