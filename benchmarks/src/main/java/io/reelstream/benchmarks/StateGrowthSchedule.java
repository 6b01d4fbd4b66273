package io.reelstream.benchmarks;

import java.io.Serializable;

/**
 * The traffic of {@code reelstream bench state-growth} as a pure function of a record index: many
 * distinct members, each with a short playback session of a few events, spread evenly over days of
 * event time that only moves forward, so a run crosses every window and retention of the jobs.
 *
 * <p>Time advances in steps: at step {@code q} member {@code q} starts its session and member
 * {@code q - j * lag} sends its {@code j}-th event, so a member's events are {@code spacing} apart
 * while the stream as a whole stays in event-time order (interleaved sessions, as on a real topic).
 * Members with a negative index were already watching when the run started.
 *
 * <p>The generator source splits its index range into {@code splits} contiguous ranges, one per
 * reader ({@code NumberSequenceSource}); {@link #globalOrder} interleaves them so that every reader
 * moves through event time at the same pace and none holds the watermark back.
 */
public final class StateGrowthSchedule implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long members;
    private final int eventsPerMember;
    private final long startMs;
    private final long spanMs;
    private final long lag;
    private final long steps;
    private final int splits;
    private final long events;

    /**
     * @param members members whose session starts within {@code spanMs}
     * @param eventsPerMember events of one session, at least 2 (start ... stop)
     * @param startMs event time of the first step
     * @param spanMs event time over which the sessions start
     * @param spacingMs event time between two events of one member
     * @param tailMs event time generated after the span, so that a run can stop at its end before
     *     the source runs dry
     * @param splits parallelism of the generator source
     */
    public StateGrowthSchedule(
            long members,
            int eventsPerMember,
            long startMs,
            long spanMs,
            long spacingMs,
            long tailMs,
            int splits) {
        if (members < 1 || eventsPerMember < 2 || spanMs < 1 || spacingMs < 1 || splits < 1) {
            throw new IllegalArgumentException(
                    "members, span, spacing and splits must be positive, events per member >= 2");
        }
        this.members = members;
        this.eventsPerMember = eventsPerMember;
        this.startMs = startMs;
        this.spanMs = spanMs;
        this.lag = Math.max(1, Math.round((double) spacingMs * members / spanMs));
        this.steps = members + (long) Math.ceil((double) tailMs * members / spanMs);
        this.splits = splits;
        long wanted = steps * eventsPerMember;
        this.events = (wanted + splits - 1) / splits * splits;
    }

    /** One generated playback event, before encoding. */
    public record Slot(long step, int ordinal, long member, long eventTime) {}

    /** Records the source emits (a multiple of the splits). */
    public long events() {
        return events;
    }

    public int eventsPerMember() {
        return eventsPerMember;
    }

    public long startMs() {
        return startMs;
    }

    /** Event time at which the last member of the span starts. */
    public long endMs() {
        return startMs + spanMs;
    }

    /** Steps between two events of one member. */
    public long lag() {
        return lag;
    }

    /** Event time of step {@code q}. */
    public long timeOfStep(long q) {
        return startMs + Math.floorDiv(q * spanMs, members);
    }

    /** Position of source record {@code index} in event-time order (see class comment). */
    public long globalOrder(long index) {
        long perSplit = events / splits;
        long split = index / perSplit;
        return (index % perSplit) * splits + split;
    }

    /** The playback event of source record {@code index}. */
    public Slot slot(long index) {
        long g = globalOrder(index);
        long q = g / eventsPerMember;
        int j = (int) (g % eventsPerMember);
        return new Slot(q, j, q - j * lag, timeOfStep(q));
    }

    /** Stable, non-negative member number of member index {@code member} (which may be < 0). */
    public long memberNumber(long member) {
        return member + (eventsPerMember - 1) * lag;
    }

    /**
     * Distinct members with at least one event at or before {@code eventTime}: members {@code 0..q}
     * plus those already watching at the start whose first event in the run is due by then.
     */
    public long membersSeenBy(long eventTime) {
        if (eventTime < startMs) {
            return 0;
        }
        long q = Math.min(Math.floorDiv((eventTime - startMs + 1) * members, spanMs), steps - 1);
        while (q > 0 && timeOfStep(q) > eventTime) {
            q--;
        }
        while (q + 1 < steps && timeOfStep(q + 1) <= eventTime) {
            q++;
        }
        return (q + 1) + (long) (eventsPerMember - 1) * Math.min(q + 1, lag);
    }
}
