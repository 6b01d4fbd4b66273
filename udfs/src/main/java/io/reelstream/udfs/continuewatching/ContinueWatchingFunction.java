package io.reelstream.udfs.continuewatching;

import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maintains each member's continue-watching row (keyed by user, catalog as broadcast state).
 *
 * <p>Events wait in keyed state until the watermark passes them and are then applied in {@link
 * PlaybackOrder}, so devices interleaved out of order give the same row as in-order delivery. An
 * event already behind the watermark is applied at once; it never overrides a newer event of the
 * same title. A changed row is emitted at once when a title joins or leaves it or on pause / stop /
 * complete, otherwise at most once per flush interval of event time. Titles expire after the
 * maximum age by event-time timer; when none is left every piece of the user's state is cleared. At
 * the end of a bounded input (watermark {@link Long#MAX_VALUE}) pending events and flushes are
 * written but nothing expires.
 *
 * <p>Writing ahead of the watermark: when an event arrives, the row as every arrived event makes it
 * (the settled row plus all waiting events, in {@link PlaybackOrder}, on a copy) is written at once
 * if that write is due by the rules above, so a reader does not wait the watermark's
 * out-of-orderness. When the watermark settles the same events the row comes out the same and
 * nothing more is written; only an event that arrived out of order changes it, and then the settled
 * row is written with a newer timestamp.
 */
public class ContinueWatchingFunction
        extends KeyedBroadcastProcessFunction<
                String, PlaybackEvent, CatalogRecord, ContinueWatchingRowUpdate>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    /** Broadcast state: catalog titles by id, newest {@code updatedAt} wins. */
    public static final MapStateDescriptor<String, CatalogTitle> CATALOG =
            new MapStateDescriptor<>(
                    "continue-watching-catalog",
                    Types.STRING,
                    TypeInformation.of(CatalogTitle.class));

    public static final String METRIC_GROUP = "continueWatching";
    public static final String EVENTS_APPLIED = "eventsApplied";
    public static final String EVENTS_STALE = "eventsStale";
    public static final String EVENTS_LATE = "eventsLate";
    public static final String EVENTS_TOO_OLD = "eventsTooOld";
    public static final String ROWS_WRITTEN = "rowsWritten";
    public static final String ROWS_WRITTEN_AHEAD = "rowsWrittenAheadOfWatermark";
    public static final String CATALOG_UPDATES = "catalogUpdates";
    public static final String CATALOG_STALE = "catalogStale";

    private final ContinueWatchingSettings settings;
    private final boolean writeAhead;

    private transient ValueState<ContinueWatchingRow> row;
    private transient ValueState<RowWriteClock> clock;
    private transient MapState<Long, List<PlaybackEvent>> pending;
    private transient InMemoryCatalog catalogIndex;

    /** This run's id (random, never 0), stamped on every write: see {@link RowWriteClock}. */
    private transient long incarnation;

    /**
     * Restored from a checkpoint or savepoint: an earlier run may have written after it, so every
     * key's first settle in this run writes (a fresh start has nothing to distrust).
     */
    private transient boolean restored;

    private transient Counter applied;
    private transient Counter stale;
    private transient Counter late;
    private transient Counter tooOld;
    private transient Counter written;
    private transient Counter writesAhead;
    private transient Counter catalogUpdates;
    private transient Counter catalogStale;

    public ContinueWatchingFunction(ContinueWatchingSettings settings) {
        this(settings, true);
    }

    /**
     * @param writeAhead write rows as the arrived events make them, not only when the watermark
     *     settles them
     */
    public ContinueWatchingFunction(ContinueWatchingSettings settings, boolean writeAhead) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.writeAhead = writeAhead;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        restored = context.isRestored();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        // all state is keyed or broadcast state, snapshotted by Flink
    }

    @Override
    public void open(OpenContext openContext) {
        StateTtlConfig ttl =
                StateTtlConfig.newBuilder(Duration.ofMillis(settings.maxAgeMs()))
                        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                        .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                        .build();
        ValueStateDescriptor<ContinueWatchingRow> rowDescriptor =
                new ValueStateDescriptor<>(
                        "continue-watching-row", TypeInformation.of(ContinueWatchingRow.class));
        ValueStateDescriptor<RowWriteClock> clockDescriptor =
                new ValueStateDescriptor<>(
                        "continue-watching-write-clock", TypeInformation.of(RowWriteClock.class));
        MapStateDescriptor<Long, List<PlaybackEvent>> pendingDescriptor =
                new MapStateDescriptor<>(
                        "continue-watching-pending",
                        Types.LONG,
                        Types.LIST(TypeInformation.of(PlaybackEvent.class)));
        rowDescriptor.enableTimeToLive(ttl);
        clockDescriptor.enableTimeToLive(ttl);
        pendingDescriptor.enableTimeToLive(ttl);
        incarnation = newIncarnation();
        row = getRuntimeContext().getState(rowDescriptor);
        clock = getRuntimeContext().getState(clockDescriptor);
        pending = getRuntimeContext().getMapState(pendingDescriptor);

        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(METRIC_GROUP);
        applied = group.counter(EVENTS_APPLIED);
        stale = group.counter(EVENTS_STALE);
        late = group.counter(EVENTS_LATE);
        tooOld = group.counter(EVENTS_TOO_OLD);
        written = group.counter(ROWS_WRITTEN);
        writesAhead = group.counter(ROWS_WRITTEN_AHEAD);
        catalogUpdates = group.counter(CATALOG_UPDATES);
        catalogStale = group.counter(CATALOG_STALE);
    }

    @Override
    public void processElement(
            PlaybackEvent event, ReadOnlyContext ctx, Collector<ContinueWatchingRowUpdate> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        boolean tooOldToKeep = event.eventTime() <= watermark - settings.maxAgeMs();
        // A late event joins the waiting ones if there are any: settled alone it would write a row
        // without them, older than the one already written ahead.
        if (event.eventTime() > watermark || (writeAhead && !tooOldToKeep && !pending.isEmpty())) {
            if (event.eventTime() <= watermark) {
                late.inc();
            }
            List<PlaybackEvent> atTime = pending.get(event.eventTime());
            List<PlaybackEvent> waiting =
                    atTime == null ? new ArrayList<>() : new ArrayList<>(atTime);
            waiting.add(event);
            pending.put(event.eventTime(), waiting);
            ctx.timerService().registerEventTimeTimer(event.eventTime());
            writeAhead(isUrgent(event.type()), ctx, out);
        } else if (tooOldToKeep) {
            tooOld.inc();
        } else {
            late.inc();
            long now = watermark == Long.MAX_VALUE ? event.eventTime() : watermark + 1;
            settle(List.of(event), now, ctx, out);
        }
    }

    @Override
    public void onTimer(
            long timestamp, OnTimerContext ctx, Collector<ContinueWatchingRowUpdate> out)
            throws Exception {
        List<PlaybackEvent> batch = drainPending(ctx.timerService().currentWatermark());
        if (batch.isEmpty() && !isFlushOrExpiry(timestamp)) {
            return; // an apply timer whose events an earlier timer of this watermark took
        }
        settle(batch, timestamp, ctx, out);
    }

    private boolean isFlushOrExpiry(long timestamp) throws Exception {
        RowWriteClock writes = clock.value();
        return writes != null
                && (writes.flushTimerAt == timestamp || writes.expiryTimerAt == timestamp);
    }

    @Override
    public void processBroadcastElement(
            CatalogRecord record, Context ctx, Collector<ContinueWatchingRowUpdate> out)
            throws Exception {
        BroadcastState<String, CatalogTitle> titles = ctx.getBroadcastState(CATALOG);
        InMemoryCatalog index = catalogIndex(titles);
        CatalogTitle title = CatalogTitle.of(record);
        CatalogTitle known = titles.get(title.titleId);
        if (known != null && known.updatedAt > title.updatedAt) {
            catalogStale.inc();
            return;
        }
        titles.put(title.titleId, title);
        index.put(title);
        catalogUpdates.inc();
    }

    /**
     * Writes the row as the settled row and every waiting event make it, if it changed and the
     * write is due; the settled state stays as it is (the watermark applies the same events).
     */
    private void writeAhead(
            boolean urgent, ReadOnlyContext ctx, Collector<ContinueWatchingRowUpdate> out)
            throws Exception {
        if (!writeAhead) {
            return;
        }
        RowWriteClock writes = Objects.requireNonNullElseGet(clock.value(), RowWriteClock::new);
        if (restored && writes.writerIncarnation != incarnation) {
            return; // the first settle of a restored key rewrites the row anyway
        }
        ContinueWatchingRow settled = row.value();
        ContinueWatchingRow model = settled == null ? new ContinueWatchingRow() : settled.copy();
        model.upgrade();
        List<PlaybackEvent> arrived = new ArrayList<>();
        for (List<PlaybackEvent> atTime : pending.values()) {
            arrived.addAll(atTime);
        }
        arrived.sort(PlaybackOrder.EVENTS);
        CatalogLookup catalog = catalogIndex(ctx.getBroadcastState(CATALOG));
        for (PlaybackEvent event : arrived) {
            model.apply(event, catalog, settings);
        }
        List<ContinueWatchingEntry> entries = model.entries(settings);
        long now = arrived.get(arrived.size() - 1).eventTime();
        if (model.isEmpty()
                || RowWriteClock.fingerprint(entries) == writes.rowHash
                || (entries.isEmpty() && now >= writes.rowExpiresAt)
                || !isDue(urgent, entries, writes, now)) {
            return; // unchanged, or left to the settle (flush timer, TTL already expired)
        }
        write(ctx.getCurrentKey(), model, entries, now, writes, ctx.timerService(), out);
        writesAhead.inc();
        clock.update(writes);
    }

    private boolean isDue(
            boolean urgent, List<ContinueWatchingEntry> entries, RowWriteClock writes, long now) {
        return urgent
                || RowWriteClock.membership(entries) != writes.membershipHash
                || writes.lastWriteAt == RowWriteClock.NEVER
                || now - writes.lastWriteAt >= settings.flushIntervalMs();
    }

    /** Applies a batch at event time {@code now}, expires old titles, writes and cleans up. */
    private void settle(
            List<PlaybackEvent> batch,
            long now,
            ReadOnlyContext ctx,
            Collector<ContinueWatchingRowUpdate> out)
            throws Exception {
        ContinueWatchingRow model =
                Objects.requireNonNullElseGet(row.value(), ContinueWatchingRow::new);
        model.upgrade();
        RowWriteClock writes = Objects.requireNonNullElseGet(clock.value(), RowWriteClock::new);
        TimerService timers = ctx.timerService();
        forgetFiredTimers(writes, now);
        CatalogLookup catalog = catalogIndex(ctx.getBroadcastState(CATALOG));
        boolean urgent = false;
        for (PlaybackEvent event : batch) {
            if (model.apply(event, catalog, settings)) {
                applied.inc();
                urgent |= isUrgent(event.type());
            } else {
                stale.inc();
            }
        }
        // The end of a bounded input is not the end of time: rows stay as of the last event.
        boolean endOfInput = timers.currentWatermark() == Long.MAX_VALUE;
        if (!endOfInput) {
            model.expire(now, settings);
        }
        if (model.isEmpty()) {
            // The last title expired: so did the Cassandra row (same TTL), nothing to write.
            cancelTimers(writes, timers);
            row.clear();
            clock.clear();
            return;
        }
        List<ContinueWatchingEntry> entries = model.entries(settings);
        long fingerprint = RowWriteClock.fingerprint(entries);
        // Written by an earlier run: a write it made after our checkpoint may be in Cassandra.
        boolean unverified = restored && writes.writerIncarnation != incarnation;
        if (fingerprint != writes.rowHash || unverified) {
            boolean due = unverified || isDue(urgent, entries, writes, now);
            if (!unverified && entries.isEmpty() && now >= writes.rowExpiresAt) {
                // The written cell expired by its TTL at the same moment: nothing to overwrite.
                writes.rowHash = fingerprint;
                writes.membershipHash = RowWriteClock.membership(entries);
            } else if (due) {
                write(ctx.getCurrentKey(), model, entries, now, writes, timers, out);
            } else if (writes.flushTimerAt == RowWriteClock.NEVER) {
                writes.flushTimerAt = writes.lastWriteAt + settings.flushIntervalMs();
                timers.registerEventTimeTimer(writes.flushTimerAt);
            }
        }
        if (!endOfInput) {
            scheduleExpiry(model.nextExpiryAt(settings), writes, timers);
        }
        row.update(model);
        clock.update(writes);
    }

    private void write(
            String userId,
            ContinueWatchingRow model,
            List<ContinueWatchingEntry> entries,
            long now,
            RowWriteClock writes,
            TimerService timers,
            Collector<ContinueWatchingRowUpdate> out) {
        long asOf = Math.max(now, model.newestWatchedAt());
        long newest = entries.isEmpty() ? model.newestWatchedAt() : newestOf(entries);
        long remainingMs = newest + settings.maxAgeMs() - asOf;
        int ttlSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, remainingMs / 1000));
        out.collect(
                new ContinueWatchingRowUpdate(
                        ContinueWatchingRowUpdate.CURRENT_VERSION,
                        userId,
                        List.copyOf(entries),
                        asOf,
                        writes.nextWriteMicros(asOf),
                        ttlSeconds));
        written.inc();
        writes.writerIncarnation = incarnation;
        writes.lastWriteAt = now;
        writes.rowExpiresAt = asOf + ttlSeconds * 1000L;
        writes.rowHash = RowWriteClock.fingerprint(entries);
        writes.membershipHash = RowWriteClock.membership(entries);
        if (writes.flushTimerAt != RowWriteClock.NEVER) {
            timers.deleteEventTimeTimer(writes.flushTimerAt);
            writes.flushTimerAt = RowWriteClock.NEVER;
        }
    }

    private static long newIncarnation() {
        long id = 0;
        while (id == 0) {
            id = java.util.concurrent.ThreadLocalRandom.current().nextLong();
        }
        return id;
    }

    private static long newestOf(List<ContinueWatchingEntry> entries) {
        long newest = Long.MIN_VALUE;
        for (ContinueWatchingEntry entry : entries) {
            newest = Math.max(newest, entry.lastWatchedAt());
        }
        return newest;
    }

    private List<PlaybackEvent> drainPending(long watermark) throws Exception {
        List<Long> due = new ArrayList<>();
        for (Long time : pending.keys()) {
            if (time <= watermark) {
                due.add(time);
            }
        }
        List<PlaybackEvent> batch = new ArrayList<>();
        for (Long time : due) {
            batch.addAll(pending.get(time));
            pending.remove(time);
        }
        batch.sort(PlaybackOrder.EVENTS);
        return batch;
    }

    private InMemoryCatalog catalogIndex(ReadOnlyBroadcastState<String, CatalogTitle> titles)
            throws Exception {
        if (catalogIndex == null) {
            InMemoryCatalog index = new InMemoryCatalog();
            for (Map.Entry<String, CatalogTitle> entry : titles.immutableEntries()) {
                index.put(entry.getValue());
            }
            catalogIndex = index;
        }
        return catalogIndex;
    }

    private static void forgetFiredTimers(RowWriteClock writes, long now) {
        if (writes.flushTimerAt != RowWriteClock.NEVER && writes.flushTimerAt <= now) {
            writes.flushTimerAt = RowWriteClock.NEVER;
        }
        if (writes.expiryTimerAt != RowWriteClock.NEVER && writes.expiryTimerAt <= now) {
            writes.expiryTimerAt = RowWriteClock.NEVER;
        }
    }

    private static void scheduleExpiry(long expiryAt, RowWriteClock writes, TimerService timers) {
        if (expiryAt == writes.expiryTimerAt) {
            return;
        }
        if (writes.expiryTimerAt != RowWriteClock.NEVER) {
            timers.deleteEventTimeTimer(writes.expiryTimerAt);
        }
        timers.registerEventTimeTimer(expiryAt);
        writes.expiryTimerAt = expiryAt;
    }

    private static void cancelTimers(RowWriteClock writes, TimerService timers) {
        if (writes.flushTimerAt != RowWriteClock.NEVER) {
            timers.deleteEventTimeTimer(writes.flushTimerAt);
        }
        if (writes.expiryTimerAt != RowWriteClock.NEVER) {
            timers.deleteEventTimeTimer(writes.expiryTimerAt);
        }
    }

    private static boolean isUrgent(PlaybackEventType type) {
        return type == PlaybackEventType.PAUSE
                || type == PlaybackEventType.STOP
                || type == PlaybackEventType.COMPLETE;
    }
}
