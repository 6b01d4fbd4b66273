package io.reelstream.udfs.qoe.model;

import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.udfs.qoe.PlaybackSample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Resolves the samples of one playback that carry the same event time, so that a playback's result
 * never depends on the order in which they arrived:
 *
 * <ul>
 *   <li>when a telemetry sample reports a state at that instant, CMCD reports of the same instant
 *       lose their state (telemetry can say PAUSED, QUIT or FATAL_ERROR with an error code); their
 *       other signals still count;
 *   <li>the rest is put in one canonical order: STARTING first, then samples without a state, then
 *       other states, terminal states last; within a rank, the v2 sequence number {@code sn} (event
 *       mode before request mode), then the event id.
 * </ul>
 */
public final class SameInstantSamples {

    private static final Comparator<PlaybackSample> CANONICAL =
            Comparator.comparingInt(SameInstantSamples::rank)
                    .thenComparingInt(s -> s.isCmcdRequest() ? 1 : 0)
                    .thenComparingLong(SameInstantSamples::sequence)
                    .thenComparing(s -> String.valueOf(s.event().eventId()));

    private SameInstantSamples() {}

    /**
     * The samples of one instant to apply, in canonical order, and how many CMCD state reports a
     * telemetry state of the instant shadowed.
     */
    public record Resolved(List<PlaybackSample> samples, int shadowedStates) {}

    /** Resolves the samples of one instant (see the class comment). */
    public static Resolved resolve(List<PlaybackSample> sameInstant) {
        if (sameInstant.size() < 2) {
            return new Resolved(sameInstant, 0);
        }
        boolean telemetryState = false;
        for (PlaybackSample sample : sameInstant) {
            telemetryState |= !sample.isCmcd() && sample.reportsState();
        }
        List<PlaybackSample> kept = new ArrayList<>(sameInstant.size());
        int shadowed = 0;
        for (PlaybackSample sample : sameInstant) {
            boolean shadow = telemetryState && sample.isCmcd() && sample.reportsState();
            kept.add(shadow ? sample.withoutState() : sample);
            shadowed += shadow ? 1 : 0;
        }
        kept.sort(CANONICAL);
        return new Resolved(kept, shadowed);
    }

    /**
     * Samples of one instant that the previous release buffered as {@link QoeEvent}s (savepoint
     * state {@code qoe-pending-samples}), read with that release's rule: a CMCD-derived event is
     * dropped when a telemetry event shares its instant, otherwise it is a state sample.
     */
    public static List<PlaybackSample> fromPreviousRelease(List<QoeEvent> sameInstant) {
        boolean telemetry = false;
        for (QoeEvent event : sameInstant) {
            telemetry |= !isCmcd(event);
        }
        List<PlaybackSample> samples = new ArrayList<>(sameInstant.size());
        for (QoeEvent event : sameInstant) {
            if (!(telemetry && isCmcd(event))) {
                samples.add(PlaybackSample.telemetry(event));
            }
        }
        return samples;
    }

    private static boolean isCmcd(QoeEvent event) {
        return event.eventId() != null
                && event.eventId().startsWith(PlaybackSample.CMCD_EVENT_ID_PREFIX);
    }

    private static int rank(PlaybackSample sample) {
        PlayerState state = sample.event().state();
        if (state == null) {
            return 1;
        }
        return switch (state) {
            case STARTING -> 0;
            case ENDED, QUIT, FATAL_ERROR -> 3;
            default -> 2;
        };
    }

    private static long sequence(PlaybackSample sample) {
        Long sn = sample.isCmcd() ? sample.cmcd().sequence() : null;
        return sn == null ? Long.MAX_VALUE : sn;
    }
}
