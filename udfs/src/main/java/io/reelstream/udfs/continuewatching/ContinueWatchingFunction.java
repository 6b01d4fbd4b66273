package io.reelstream.udfs.continuewatching;

import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.udfs.continuewatching.model.CatalogLookup;
import io.reelstream.udfs.continuewatching.model.ContinueWatchingSettings;
import io.reelstream.udfs.continuewatching.model.InMemoryCatalog;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

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
 * row is written with a newer timestamp. A change the flush interval holds back (a bookmark moved
 * soon after the last write) is written when the interval has passed in processing time, by a
 * processing-time timer, as of the end of the interval, for live events (at most {@value
 * #FLUSH_AHEAD_HORIZON_MS} ms behind the wall clock); without it, it would wait for the watermark
 * to reach the end of the interval (the out-of-orderness later).
 *
 * <p>Settling on arrival: with write-ahead, the row a settle computes is, unless an event arrived
 * out of order, the row already written, so the settle need not happen when the watermark passes.
 * The waiting events the watermark has passed are settled when the member's next event arrives, in
 * the state read that event pays anyway, or by the apply timer at the settle delay after the
 * earliest of them, whichever comes first (a member's events are seconds to a minute apart while
 * watching, so a watching member costs one state read per event, not two). The apply timer stays at
 * the earliest waiting event without write-ahead, with a settle delay of 0, and for a member whose
 * row was not yet written by this run after a restore (its first settle rewrites the row). A change
 * the flush interval holds back in a backlog is written by the event-time flush timer, armed when
 * the event arrives.
 *
 * <p>State schema v3: all of a member's state is one {@link ContinueWatchingState} value (settled
 * row, write clock, waiting events), so a callback costs one state read and one write; one apply
 * timer per member at its earliest waiting event (plus the settle delay); the expiry timer moves
 * only to an earlier time (an early one fires, expires nothing and re-arms). v1/v2 state (three
 * keyed states, a timer per waiting event time) is migrated per key on first access after a
 * restore. The expiry timer is also the cleanup: a member's state exists only while it has an apply
 * or an expiry timer.
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

    /**
     * A coalesced change is written ahead of the watermark, in processing time, only for events at
     * most this old against the wall clock: live traffic, not a backlog being caught up.
     */
    static final long FLUSH_AHEAD_HORIZON_MS = 30_000;

    /**
     * Default settle delay: longer than the gap between a watching member's events (heartbeats 30
     * to 60 s apart), so their next event settles them.
     */
    public static final long DEFAULT_SETTLE_DELAY_MS = 120_000;

    private final ContinueWatchingSettings settings;
    private final boolean writeAhead;
    private final long settleDelayMs;

    private transient FlinkContinueWatchingState state;
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
        this(settings, writeAhead, DEFAULT_SETTLE_DELAY_MS);
    }

    /**
     * @param writeAhead write rows as the arrived events make them, not only when the watermark
     *     settles them
     * @param settleDelayMs with write-ahead, how long after the earliest waiting event the apply
     *     timer settles the waiting events if no event of the member arrives before (0: when the
     *     watermark passes them)
     */
    public ContinueWatchingFunction(
            ContinueWatchingSettings settings, boolean writeAhead, long settleDelayMs) {
        if (settleDelayMs < 0) {
            throw new IllegalArgumentException("settleDelayMs must be >= 0: " + settleDelayMs);
        }
        this.settings = Objects.requireNonNull(settings, "settings");
        this.writeAhead = writeAhead;
        this.settleDelayMs = settleDelayMs;
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
        incarnation = newIncarnation();
        state = new FlinkContinueWatchingState(getRuntimeContext(), restored, settings.maxAgeMs());

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
        ContinueWatchingState member =
                Objects.requireNonNullElseGet(state.load(), ContinueWatchingState::new);
        boolean changed =
                settlePassed(member, Math.min(watermark, event.eventTime() - 1), ctx, out);
        // A late event joins the waiting ones if there are any: settled alone it would write a row
        // without them, older than the one already written ahead.
        if (event.eventTime() > watermark || (writeAhead && !tooOldToKeep && member.hasPending())) {
            if (event.eventTime() <= watermark) {
                late.inc();
            }
            member.pending.add(event);
            armApplyTimer(member, ctx.timerService());
            writeAhead(member, isUrgent(event.type()), ctx, out);
            changed = true;
        } else if (tooOldToKeep) {
            tooOld.inc();
        } else {
            late.inc();
            long now = watermark == Long.MAX_VALUE ? event.eventTime() : watermark + 1;
            settle(member, List.of(event), now, ctx, out);
            changed = true;
        }
        if (changed) {
            state.save(member);
        }
    }

    /**
     * Settles the waiting events up to {@code upTo} (the watermark, or the instant before a late
     * event's, which then waits with the events of its instant and after) that the settle delay
     * kept waiting, in the state read the arriving event pays anyway; every timer at or before the
     * watermark has fired. Returns whether any did.
     */
    private boolean settlePassed(
            ContinueWatchingState member,
            long upTo,
            ReadOnlyContext ctx,
            Collector<ContinueWatchingRowUpdate> out)
            throws Exception {
        long earliest = member.earliestPending();
        if (earliest == RowWriteClock.NEVER || earliest > upTo) {
            return false;
        }
        long now =
                ctx.timerService().currentWatermark() == Long.MAX_VALUE
                        ? member.latestPending()
                        : upTo;
        settle(member, member.drainUpTo(upTo), now, ctx, out);
        return true;
    }

    @Override
    public void onTimer(
            long timestamp, OnTimerContext ctx, Collector<ContinueWatchingRowUpdate> out)
            throws Exception {
        ContinueWatchingState member = state.load();
        if (member == null) {
            return; // a timer of state already gone (e.g. the per-event timers of v1/v2 state)
        }
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            flushAhead(member, timestamp, ctx, out);
            return;
        }
        boolean flushOrExpiry = isFlushOrExpiry(member.clock, timestamp);
        if (member.applyTimerAt <= timestamp) {
            member.applyTimerAt = RowWriteClock.NEVER; // fired
        }
        List<PlaybackEvent> batch = member.drainUpTo(ctx.timerService().currentWatermark());
        if (batch.isEmpty() && !flushOrExpiry) {
            // a timer v3 does not track (v1/v2 kept one per waiting event time)
            armApplyTimer(member, ctx.timerService());
            state.save(member);
            return;
        }
        settle(member, batch, timestamp, ctx, out);
        state.save(member);
    }

    private static boolean isFlushOrExpiry(RowWriteClock writes, long timestamp) {
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
     * write is due; the settled row stays as it is (the watermark applies the same events).
     */
    private void writeAhead(
            ContinueWatchingState member,
            boolean urgent,
            ReadOnlyContext ctx,
            Collector<ContinueWatchingRowUpdate> out)
            throws Exception {
        if (!writeAhead) {
            return;
        }
        RowWriteClock writes = Objects.requireNonNullElseGet(member.clock, RowWriteClock::new);
        if (restored && writes.writerIncarnation != incarnation) {
            return; // the first settle of a restored key rewrites the row anyway
        }
        ContinueWatchingRow model =
                visibleRow(member, catalogIndex(ctx.getBroadcastState(CATALOG)));
        List<ContinueWatchingEntry> entries = model.entries(settings);
        long now = member.latestPending();
        if (model.isEmpty()
                || RowWriteClock.fingerprint(entries) == writes.rowHash
                || (entries.isEmpty() && now >= writes.rowExpiresAt)) {
            return; // unchanged, or left to the settle (TTL already expired)
        }
        if (!isDue(urgent, entries, writes, now)) {
            member.clock = writes;
            armFlushAhead(member, now, ctx.timerService());
            if (member.flushAheadAt == RowWriteClock.NEVER) {
                armFlushTimer(writes, ctx.timerService()); // a backlog event: no settle to wait for
            }
            return; // coalesced: the flush-ahead timer or the event-time flush timer writes it
        }
        member.clock = writes;
        write(ctx.getCurrentKey(), model, entries, now, member, ctx.timerService(), out);
        writesAhead.inc();
    }

    /**
     * Arms the processing-time timer that writes a coalesced change when its flush interval has
     * passed (at the wall clock that event time reaches then), if the newest arrived event is live.
     */
    private void armFlushAhead(ContinueWatchingState member, long newest, TimerService timers) {
        long wallClock = timers.currentProcessingTime();
        if (member.flushAheadAt != RowWriteClock.NEVER
                || newest < wallClock - FLUSH_AHEAD_HORIZON_MS) {
            return;
        }
        long dueIn = member.clock.lastWriteAt + settings.flushIntervalMs() - newest;
        member.flushAheadAt = wallClock + Math.max(0, dueIn);
        timers.registerProcessingTimeTimer(member.flushAheadAt);
    }

    /**
     * The flush interval of a coalesced change passed in processing time: writes the row as every
     * arrived event makes it, as of the end of that interval, unless a write or the settle already
     * showed it.
     */
    private void flushAhead(
            ContinueWatchingState member,
            long timestamp,
            ReadOnlyContext ctx,
            Collector<ContinueWatchingRowUpdate> out)
            throws Exception {
        if (member.flushAheadAt != timestamp) {
            return;
        }
        member.flushAheadAt = RowWriteClock.NEVER;
        RowWriteClock writes = member.clock;
        if (writes == null || (restored && writes.writerIncarnation != incarnation)) {
            state.save(member);
            return;
        }
        ContinueWatchingRow visible =
                visibleRow(member, catalogIndex(ctx.getBroadcastState(CATALOG)));
        List<ContinueWatchingEntry> entries = visible.entries(settings);
        long now = writes.lastWriteAt + settings.flushIntervalMs();
        if (!visible.isEmpty()
                && RowWriteClock.fingerprint(entries) != writes.rowHash
                && !(entries.isEmpty() && now >= writes.rowExpiresAt)) {
            write(ctx.getCurrentKey(), visible, entries, now, member, ctx.timerService(), out);
            writesAhead.inc();
        }
        state.save(member);
    }

    private boolean isDue(
            boolean urgent, List<ContinueWatchingEntry> entries, RowWriteClock writes, long now) {
        return urgent
                || RowWriteClock.membership(entries) != writes.membershipHash
                || writes.lastWriteAt == RowWriteClock.NEVER
                || now - writes.lastWriteAt >= settings.flushIntervalMs();
    }

    /**
     * Applies a batch at event time {@code now}, expires old titles and writes; the caller saves.
     */
    private void settle(
            ContinueWatchingState member,
            List<PlaybackEvent> batch,
            long now,
            ReadOnlyContext ctx,
            Collector<ContinueWatchingRowUpdate> out)
            throws Exception {
        ContinueWatchingRow model =
                Objects.requireNonNullElseGet(member.row, ContinueWatchingRow::new);
        model.upgrade();
        RowWriteClock writes = Objects.requireNonNullElseGet(member.clock, RowWriteClock::new);
        member.clock = writes;
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
            cancelRowTimers(member, timers);
            member.row = null;
            member.clock = null;
            armApplyTimer(member, timers);
            return;
        }
        // Written ahead, the row already shows the events still waiting: compare with that row,
        // or a settle behind them would write the row back in time.
        ContinueWatchingRow visible = writeAhead ? withWaiting(model, member, catalog) : model;
        List<ContinueWatchingEntry> entries = visible.entries(settings);
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
                write(ctx.getCurrentKey(), visible, entries, now, member, timers, out);
            } else {
                armFlushTimer(writes, timers);
            }
        }
        member.row = model;
        if (!endOfInput) {
            scheduleExpiry(model.nextExpiryAt(settings), member, timers);
        }
        armApplyTimer(member, timers);
    }

    /** The event-time timer that writes a change the flush interval held back, if none is armed. */
    private void armFlushTimer(RowWriteClock writes, TimerService timers) {
        if (writes.flushTimerAt == RowWriteClock.NEVER) {
            writes.flushTimerAt = writes.lastWriteAt + settings.flushIntervalMs();
            timers.registerEventTimeTimer(writes.flushTimerAt);
        }
    }

    /** The row as every arrived event makes it: the settled row (or none) plus the waiting ones. */
    private ContinueWatchingRow visibleRow(ContinueWatchingState member, CatalogLookup catalog) {
        return withWaiting(
                Objects.requireNonNullElseGet(member.row, ContinueWatchingRow::new),
                member,
                catalog);
    }

    /** The settled row plus the events still waiting (a copy), or the row itself if none waits. */
    private ContinueWatchingRow withWaiting(
            ContinueWatchingRow settled, ContinueWatchingState member, CatalogLookup catalog) {
        if (!member.hasPending()) {
            return settled;
        }
        ContinueWatchingRow visible = settled.copy();
        for (PlaybackEvent event : member.arrivedInOrder()) {
            visible.apply(event, catalog, settings);
        }
        return visible;
    }

    private void write(
            String userId,
            ContinueWatchingRow model,
            List<ContinueWatchingEntry> entries,
            long now,
            ContinueWatchingState member,
            TimerService timers,
            Collector<ContinueWatchingRowUpdate> out) {
        RowWriteClock writes = member.clock;
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
            long flushAt = writes.flushTimerAt;
            writes.flushTimerAt = RowWriteClock.NEVER;
            release(flushAt, member, timers);
        }
        cancelFlushAhead(member, timers);
    }

    private static void cancelFlushAhead(ContinueWatchingState member, TimerService timers) {
        if (member.flushAheadAt != RowWriteClock.NEVER) {
            timers.deleteProcessingTimeTimer(member.flushAheadAt);
            member.flushAheadAt = RowWriteClock.NEVER;
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

    /**
     * Keeps an expiry timer at or before {@code expiryAt}: an earlier one stays (it fires, finds
     * nothing expired yet, and moves on to the then next expiry), so a member who keeps watching
     * does not move a timer with every event.
     */
    private static void scheduleExpiry(
            long expiryAt, ContinueWatchingState member, TimerService timers) {
        RowWriteClock writes = member.clock;
        if (writes.expiryTimerAt != RowWriteClock.NEVER && writes.expiryTimerAt <= expiryAt) {
            return;
        }
        long previous = writes.expiryTimerAt;
        writes.expiryTimerAt = expiryAt;
        timers.registerEventTimeTimer(expiryAt);
        release(previous, member, timers);
    }

    /**
     * One apply timer, at the earliest waiting event plus the settle delay (none when no event
     * waits).
     */
    private void armApplyTimer(ContinueWatchingState member, TimerService timers) {
        long earliest = member.earliestPending();
        long applyAt = earliest;
        if (earliest != RowWriteClock.NEVER && !settlesAtWatermark(member, earliest, timers)) {
            applyAt =
                    earliest > Long.MAX_VALUE - settleDelayMs
                            ? Long.MAX_VALUE
                            : earliest + settleDelayMs;
        }
        if (applyAt == member.applyTimerAt) {
            return;
        }
        long previous = member.applyTimerAt;
        member.applyTimerAt = applyAt;
        if (applyAt != RowWriteClock.NEVER) {
            timers.registerEventTimeTimer(applyAt);
        }
        release(previous, member, timers);
    }

    /**
     * Whether the member's waiting events settle when the watermark passes them: without
     * write-ahead (nothing else writes them), for a backlog (the earliest waiting event more than
     * {@value #FLUSH_AHEAD_HORIZON_MS} ms behind the wall clock: the watermark passes many of a
     * member's events at once there, and holding them would only grow the state), or before this
     * run has written the member's row after a restore (the settle rewrites the row the failed run
     * may have changed).
     */
    private boolean settlesAtWatermark(
            ContinueWatchingState member, long earliest, TimerService timers) {
        return !writeAhead
                || settleDelayMs == 0
                || earliest < timers.currentProcessingTime() - FLUSH_AHEAD_HORIZON_MS
                || (restored
                        && (member.clock == null || member.clock.writerIncarnation != incarnation));
    }

    private static void cancelRowTimers(ContinueWatchingState member, TimerService timers) {
        RowWriteClock writes = member.clock;
        long flushAt = writes.flushTimerAt;
        long expiryAt = writes.expiryTimerAt;
        writes.flushTimerAt = RowWriteClock.NEVER;
        writes.expiryTimerAt = RowWriteClock.NEVER;
        release(flushAt, member, timers);
        release(expiryAt, member, timers);
        cancelFlushAhead(member, timers);
    }

    /** Deletes the timer at {@code time} unless another of the member's timers still uses it. */
    private static void release(long time, ContinueWatchingState member, TimerService timers) {
        if (time != RowWriteClock.NEVER && !member.holdsTimerAt(time)) {
            timers.deleteEventTimeTimer(time);
        }
    }

    private static boolean isUrgent(PlaybackEventType type) {
        return type == PlaybackEventType.PAUSE
                || type == PlaybackEventType.STOP
                || type == PlaybackEventType.COMPLETE;
    }
}
