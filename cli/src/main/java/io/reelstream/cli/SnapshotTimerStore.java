package io.reelstream.cli;

import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.checkpoint.CheckpointProperties;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.CompletedCheckpointStorageLocation;
import org.apache.flink.runtime.state.IncrementalKeyedStateHandle;
import org.apache.flink.runtime.state.KeyedBackendSerializationProxy;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.apache.flink.runtime.state.filesystem.AbstractFsCheckpointStorageAccess;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend.PriorityQueueStateType;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Which timer store a savepoint or retained checkpoint was taken with, because Flink 2.2 restores a
 * native snapshot into a job with the other store without an error but drops its timers.
 */
public enum SnapshotTimerStore {
    /** No native RocksDB state: restores into either timer store. */
    CANONICAL,
    /** Native, with timers in RocksDB (priority-queue states in its meta data). */
    NATIVE_ROCKSDB_TIMERS,
    /**
     * Native, with timers on the heap, written to the raw keyed state (by checkpoints only: Flink
     * 2.2.1 leaves heap timers out of a native savepoint).
     */
    NATIVE_HEAP_TIMERS,
    /** A retained checkpoint with no sign of timers: restores into either timer store. */
    NATIVE_NO_TIMERS,
    /**
     * A native savepoint without timers in RocksDB. Flink 2.2.1 leaves heap timers out of native
     * savepoints, and every Reelstream job has timers: they are gone, whatever the job's store.
     */
    NATIVE_SAVEPOINT_NO_TIMERS;

    /** Reads the {@code _metadata} of the snapshot at {@code pointer} (folder, file, file: URI). */
    public static SnapshotTimerStore read(String pointer) throws IOException {
        CompletedCheckpointStorageLocation location =
                AbstractFsCheckpointStorageAccess.resolveCheckpointPointer(pointer);
        ClassLoader classLoader = SnapshotTimerStore.class.getClassLoader();
        try (DataInputStream in =
                new DataInputStream(location.getMetadataHandle().openInputStream())) {
            return of(
                    Checkpoints.loadCheckpointMetadata(
                            in, classLoader, location.getExternalPointer()),
                    classLoader);
        }
    }

    static SnapshotTimerStore of(CheckpointMetadata metadata, ClassLoader classLoader)
            throws IOException {
        boolean nativeSavepoint = isNativeSavepoint(metadata.getCheckpointProperties());
        boolean nativeFormat = nativeSavepoint;
        boolean rocksDbTimers = false;
        boolean rawKeyedState = false;
        for (OperatorState operator : metadata.getOperatorStates()) {
            for (OperatorSubtaskState subtask : operator.getStates()) {
                for (KeyedStateHandle handle : subtask.getManagedKeyedState()) {
                    if (handle instanceof IncrementalKeyedStateHandle incremental) {
                        nativeFormat = true;
                        rocksDbTimers |=
                                hasPriorityQueues(
                                        incremental.getMetaDataStateHandle(), classLoader);
                    }
                }
                rawKeyedState |= subtask.getRawKeyedState().hasState();
            }
        }
        if (!nativeFormat) {
            return CANONICAL;
        }
        if (rocksDbTimers) {
            return NATIVE_ROCKSDB_TIMERS;
        }
        if (rawKeyedState) {
            return NATIVE_HEAP_TIMERS;
        }
        return nativeSavepoint ? NATIVE_SAVEPOINT_NO_TIMERS : NATIVE_NO_TIMERS;
    }

    /**
     * Whether restoring a snapshot of this kind into a job whose timers live in {@code jobStore}
     * would lose its timers.
     */
    public boolean losesTimersIn(PriorityQueueStateType jobStore) {
        return this == NATIVE_SAVEPOINT_NO_TIMERS
                || (this == NATIVE_ROCKSDB_TIMERS && jobStore == PriorityQueueStateType.HEAP)
                || (this == NATIVE_HEAP_TIMERS && jobStore == PriorityQueueStateType.ROCKSDB);
    }

    private static boolean isNativeSavepoint(CheckpointProperties properties) {
        return properties != null
                && properties.getCheckpointType() instanceof SavepointType savepoint
                && savepoint.getFormatType() == SavepointFormatType.NATIVE;
    }

    private static boolean hasPriorityQueues(StreamStateHandle metaData, ClassLoader classLoader)
            throws IOException {
        KeyedBackendSerializationProxy<?> proxy = new KeyedBackendSerializationProxy<>(classLoader);
        try (InputStream in = metaData.openInputStream()) {
            proxy.read(new DataInputViewStreamWrapper(in));
        }
        return proxy.getStateMetaInfoSnapshots().stream()
                .anyMatch(
                        info ->
                                info.getBackendStateType()
                                        == StateMetaInfoSnapshot.BackendStateType.PRIORITY_QUEUE);
    }
}
