package io.reelstream.udfs.qoe.model;

import io.reelstream.schemas.qoe.StallEvent;
import io.reelstream.udfs.qoe.PlaybackSample;
import io.reelstream.udfs.qoe.PlaybackSessionState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A playback as every sample that has arrived makes it, before the watermark settles them: the
 * settled session (copied, never changed) with the waiting samples applied in the settle's order.
 * It tells which stalls those samples already show and when the open rebuffer, if any, crosses the
 * threshold, so a live stall is signalled without waiting for the watermark. Flink-free.
 */
public final class SessionPreview {

    private final PlaybackSession session;
    private final boolean ended;
    private final List<StallEvent> stalls;

    private SessionPreview(PlaybackSession session, boolean ended, List<StallEvent> stalls) {
        this.session = session;
        this.ended = ended;
        this.stalls = stalls;
    }

    /**
     * @param settled the session the watermark has settled, or null
     * @param waiting the samples not settled yet, by event time (ascending)
     */
    public static SessionPreview of(
            PlaybackSessionState settled,
            SortedMap<Long, List<PlaybackSample>> waiting,
            long stallThresholdMs) {
        PlaybackSession current = settled == null ? null : PlaybackSession.resume(settled.copy());
        List<StallEvent> found = new ArrayList<>();
        for (Map.Entry<Long, List<PlaybackSample>> instant : waiting.entrySet()) {
            for (PlaybackSample sample : SameInstantSamples.resolve(instant.getValue()).samples()) {
                SessionStep step = SessionStep.apply(current, sample, stallThresholdMs, found::add);
                current = step.session();
                if (step.outcome().isPresent()) {
                    return new SessionPreview(current, true, found);
                }
            }
        }
        return new SessionPreview(current, false, found);
    }

    /** Stalls the arrived samples show (in the order the settle will find them). */
    public List<StallEvent> stalls() {
        return stalls;
    }

    /**
     * When the open rebuffer crosses the threshold (event time), if the playback is rebuffering,
     * not ended and not signalled yet.
     */
    public Optional<Long> stallDueAt(long stallThresholdMs) {
        return session == null || ended ? Optional.empty() : session.stallDueAt(stallThresholdMs);
    }

    /** The stall of the open rebuffer at {@code now} (event time), if it lasted the threshold. */
    public Optional<StallEvent> stallAt(long now, long stallThresholdMs) {
        return session == null || ended
                ? Optional.empty()
                : session.checkStall(now, stallThresholdMs);
    }

    /** Event time of the newest sample applied; {@link Long#MIN_VALUE} without a session. */
    public long lastSampleTime() {
        return session == null ? Long.MIN_VALUE : session.state().lastSampleTime;
    }
}
