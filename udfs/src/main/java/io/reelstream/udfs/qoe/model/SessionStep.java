package io.reelstream.udfs.qoe.model;

import io.reelstream.schemas.qoe.SessionOutcome;
import io.reelstream.schemas.qoe.StallEvent;
import io.reelstream.udfs.qoe.PlaybackSample;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * One sample applied to a playback the way every path does it (the watermark's settle and the
 * preview ahead of it), so both find the same stalls: an out-of-order sample is skipped, the first
 * opens the session, a stall is checked before and after the sample, then a request-mode stall.
 *
 * @param session the session after the sample (null only if none was open and the sample was
 *     skipped, which cannot happen: a first sample always opens one)
 * @param outOfOrder the sample was older than its track and not applied
 * @param outcome present if the sample ended the playback
 */
public record SessionStep(
        PlaybackSession session, boolean outOfOrder, Optional<SessionOutcome> outcome) {

    /** Applies {@code sample} to {@code current} (null: no session yet), reporting stalls found. */
    public static SessionStep apply(
            PlaybackSession current,
            PlaybackSample sample,
            long stallThresholdMs,
            Consumer<StallEvent> stalls) {
        if (current != null && current.isOutOfOrder(sample)) {
            return new SessionStep(current, true, Optional.empty());
        }
        Optional<SessionOutcome> outcome;
        if (current == null) {
            current = PlaybackSession.open(sample);
            outcome = Optional.empty();
        } else {
            current.checkStall(sample.eventTime(), stallThresholdMs).ifPresent(stalls);
            outcome = current.apply(sample);
        }
        current.checkStall(sample.eventTime(), stallThresholdMs).ifPresent(stalls);
        current.takeRequestStall(stallThresholdMs).ifPresent(stalls);
        return new SessionStep(current, false, outcome);
    }
}
