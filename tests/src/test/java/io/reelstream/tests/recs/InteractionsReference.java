package io.reelstream.tests.recs;

import io.reelstream.generator.GeneratedRecord;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.recs.model.RecsSettings;

import org.apache.flink.configuration.Configuration;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The members the recommendation job must serve, derived from generator playback the obvious way
 * for verification: a playback becomes one interaction when it stops or completes, weighted by the
 * engagement rules over its furthest position, and every member with an interaction of non-zero
 * weight gets recommendations and factors.
 *
 * <p>It assumes what the generator guarantees: every playback ends with STOP or COMPLETE, and no
 * playback is quiet for the playback timeout (pauses are at most 5 minutes, the timeout is 30). It
 * checks the second part and fails loudly if the traffic breaks it.
 */
public final class InteractionsReference {

    private InteractionsReference() {}

    /** The members with at least one interaction of non-zero weight in {@code playback}. */
    public static Set<String> members(List<GeneratedRecord> playback, RecsSettings settings) {
        var decoder =
                EventCodecs.playbackDecoder(IngestOptions.from(new Configuration()).decodeLimits());
        Map<String, long[]> open = new HashMap<>();
        Set<String> members = new HashSet<>();
        long now = System.currentTimeMillis();
        for (GeneratedRecord record : playback) {
            RawRecord raw =
                    new RawRecord("playback", 0, 0, record.eventTime(), null, record.value());
            if (!(decoder.decode(raw, now) instanceof DecodeResult.Ok<PlaybackEvent> ok)) {
                continue;
            }
            PlaybackEvent event = ok.value();
            // furthest position, runtime, completed (0/1), last event time
            long[] state = open.computeIfAbsent(event.playbackId(), id -> new long[4]);
            if (state[3] != 0 && event.eventTime() - state[3] >= settings.playbackTimeoutMs()) {
                throw new IllegalStateException(
                        "playback " + event.playbackId() + " was quiet longer than the timeout");
            }
            state[0] = Math.max(state[0], event.positionMs());
            state[1] = event.runtimeMs();
            state[2] |= event.type() == PlaybackEventType.COMPLETE ? 1 : 0;
            state[3] = Math.max(state[3], event.eventTime());
            if (event.type() == PlaybackEventType.STOP
                    || event.type() == PlaybackEventType.COMPLETE) {
                open.remove(event.playbackId());
                if (settings.engagement().weight(state[0], state[1], state[2] == 1) != 0) {
                    members.add(event.userId());
                }
            }
        }
        return members;
    }
}
