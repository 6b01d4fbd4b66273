package io.reelstream.tests.reliability;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When a {@link FaultInjectingSource} fails on purpose, and what happened, shared between the test
 * and the MiniCluster's tasks through a static registry (MiniCluster tasks run in the test's JVM;
 * the source itself is serialized, so it carries only the plan's id).
 *
 * <p>Two faults, each injected once, in this order:
 *
 * <ol>
 *   <li>mid-stream: a reader throws while emitting a record, after at least one checkpoint has
 *       completed and it has emitted {@code recordsBeforeFault} records in its current attempt;
 *   <li>during a checkpoint: a reader created after the first fault (so the job was restored)
 *       throws from {@code snapshotState} once it has emitted records again.
 * </ol>
 */
final class FaultPlan {

    private static final Map<String, FaultPlan> PLANS = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final int recordsBeforeFault;
    private final AtomicInteger readersCreated = new AtomicInteger();
    private final AtomicInteger checkpointsCompleted = new AtomicInteger();
    private final AtomicInteger faultsInjected = new AtomicInteger();
    private final AtomicBoolean midStreamFired = new AtomicBoolean();
    private final AtomicBoolean checkpointFired = new AtomicBoolean();

    private FaultPlan(int recordsBeforeFault) {
        this.recordsBeforeFault = recordsBeforeFault;
    }

    /** A registered plan; {@link #close()} it at the end of the test. */
    static FaultPlan midStreamThenDuringCheckpoint(int recordsBeforeFault) {
        FaultPlan plan = new FaultPlan(recordsBeforeFault);
        PLANS.put(plan.id, plan);
        return plan;
    }

    static FaultPlan get(String id) {
        FaultPlan plan = PLANS.get(id);
        if (plan == null) {
            throw new IllegalStateException("no fault plan " + id);
        }
        return plan;
    }

    String id() {
        return id;
    }

    void close() {
        PLANS.remove(id);
    }

    /** Readers (source subtask attempts) created so far; more than the parallelism = restarts. */
    int readersCreated() {
        return readersCreated.get();
    }

    /** Faults thrown so far (0, 1 or 2). */
    int faultsInjected() {
        return faultsInjected.get();
    }

    /** Whether a reader was told of a completed checkpoint (the job is running and checkpoints). */
    boolean checkpointCompleted() {
        return checkpointsCompleted.get() > 0;
    }

    boolean midStreamFaultInjected() {
        return midStreamFired.get();
    }

    boolean checkpointFaultInjected() {
        return checkpointFired.get();
    }

    /** Called when a reader is created; returns whether the mid-stream fault had fired by then. */
    boolean onReaderCreated() {
        readersCreated.incrementAndGet();
        return midStreamFired.get();
    }

    void onCheckpointComplete() {
        checkpointsCompleted.incrementAndGet();
    }

    /** Before a reader emits its {@code emitted}-th record of this attempt. */
    void beforeRecord(long emitted) {
        if (emitted >= recordsBeforeFault
                && checkpointsCompleted.get() > 0
                && midStreamFired.compareAndSet(false, true)) {
            faultsInjected.incrementAndGet();
            throw new InjectedFault("injected task failure in the middle of the stream");
        }
    }

    /** In a reader's snapshotState; {@code restored}: the reader was created after fault 1. */
    void beforeSnapshot(boolean restored, long emitted) {
        if (restored && emitted > 0 && checkpointFired.compareAndSet(false, true)) {
            faultsInjected.incrementAndGet();
            throw new InjectedFault("injected task failure during a checkpoint");
        }
    }

    /** The exception the faults throw, recognisable in logs. */
    static final class InjectedFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFault(String message) {
            super(message);
        }
    }
}
