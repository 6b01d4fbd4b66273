package io.reelstream.udfs.continuewatching;

import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.udfs.continuewatching.model.ContinueWatchingSettings;
import io.reelstream.udfs.ingest.IngestKeys;
import io.reelstream.udfs.testing.HarnessState;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The continue-watching operator in a test harness: Kryo disabled (state and records must be
 * POJOs), catalog loaded, broadcast input never holding back the watermark.
 */
final class ContinueWatchingHarness implements AutoCloseable {

    final KeyedBroadcastOperatorTestHarness<
                    String, PlaybackEvent, CatalogRecord, ContinueWatchingRowUpdate>
            harness;

    private ContinueWatchingHarness(ContinueWatchingSettings settings) throws Exception {
        this(settings, true);
    }

    private ContinueWatchingHarness(ContinueWatchingSettings settings, boolean writeAhead)
            throws Exception {
        this(settings, writeAhead, ContinueWatchingFunction.DEFAULT_SETTLE_DELAY_MS);
    }

    private ContinueWatchingHarness(
            ContinueWatchingSettings settings, boolean writeAhead, long settleDelayMs)
            throws Exception {
        harness =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new ContinueWatchingFunction(settings, writeAhead, settleDelayMs),
                                List.of(ContinueWatchingFunction.CATALOG)),
                        new IngestKeys.PlaybackByMember(),
                        Types.STRING,
                        4,
                        1,
                        0);
        ((SerializerConfigImpl) harness.getExecutionConfig().getSerializerConfig())
                .setGenericTypes(false);
    }

    /** A fresh operator with the fixture catalog. */
    static ContinueWatchingHarness open(ContinueWatchingSettings settings) throws Exception {
        return open(settings, true);
    }

    /** The same, writing ahead of the watermark or not. */
    static ContinueWatchingHarness open(ContinueWatchingSettings settings, boolean writeAhead)
            throws Exception {
        return open(new ContinueWatchingHarness(settings, writeAhead));
    }

    /** The same, writing ahead, with a settle delay ({@code 0}: settle at the watermark). */
    static ContinueWatchingHarness openWithSettleDelay(
            ContinueWatchingSettings settings, long settleDelayMs) throws Exception {
        return open(new ContinueWatchingHarness(settings, true, settleDelayMs));
    }

    private static ContinueWatchingHarness open(ContinueWatchingHarness h) throws Exception {
        h.harness.open();
        h.harness.processBroadcastWatermark(Long.MAX_VALUE);
        for (CatalogRecord record : ContinueWatchingFixtures.catalog()) {
            h.harness.processBroadcastElement(record, record.updatedAt());
        }
        return h;
    }

    /** An operator restored from a snapshot (catalog comes back from broadcast state). */
    static ContinueWatchingHarness restore(
            ContinueWatchingSettings settings, OperatorSubtaskState snapshot) throws Exception {
        ContinueWatchingHarness h = new ContinueWatchingHarness(settings);
        h.harness.initializeState(snapshot);
        h.harness.open();
        h.harness.processBroadcastWatermark(Long.MAX_VALUE);
        return h;
    }

    void play(List<PlaybackEvent> events) throws Exception {
        for (PlaybackEvent event : events) {
            harness.processElement(event, event.eventTime());
        }
    }

    void watermark(long time) throws Exception {
        harness.processWatermark(time);
    }

    List<ContinueWatchingRowUpdate> writes() {
        return harness.extractOutputValues();
    }

    /** The last row written per user, as Cassandra would hold it. */
    Map<String, List<ContinueWatchingEntry>> lastRows() {
        Map<String, ContinueWatchingRowUpdate> newest = new HashMap<>();
        for (ContinueWatchingRowUpdate update : writes()) {
            newest.merge(
                    update.userId(),
                    update,
                    (a, b) -> a.writeTimestampMicros() >= b.writeTimestampMicros() ? a : b);
        }
        Map<String, List<ContinueWatchingEntry>> rows = new HashMap<>();
        newest.forEach((user, update) -> rows.put(user, update.entries()));
        return rows;
    }

    List<ContinueWatchingRowUpdate> writesOf(String user) {
        List<ContinueWatchingRowUpdate> ofUser = new ArrayList<>();
        for (ContinueWatchingRowUpdate update : writes()) {
            if (update.userId().equals(user)) {
                ofUser.add(update);
            }
        }
        return ofUser;
    }

    int numKeyedStateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    /** The member's state value as the operator keeps it, or {@code null}. */
    ContinueWatchingState state(String user) throws Exception {
        return HarnessState.value(
                harness.getOperator().getKeyedStateBackend(),
                user,
                FlinkContinueWatchingState.STATE_NAME,
                ContinueWatchingStateSerializer.INSTANCE);
    }

    int numEventTimeTimers() {
        return harness.numEventTimeTimers();
    }

    OperatorSubtaskState snapshot() throws Exception {
        return harness.snapshot(1L, 1L);
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
