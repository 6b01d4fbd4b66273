package io.reelstream.udfs.qoe;

import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.udfs.qoe.cmcd.CmcdDecoder;

import java.util.ArrayList;
import java.util.List;

/**
 * Resolves samples of one playback that carry the same event time: when a player (or a test
 * generator) reports an instant through both native telemetry and CMCD, the telemetry sample wins,
 * because a CMCD v1 request cannot express states such as PAUSED, QUIT or FATAL_ERROR.
 */
public final class SameInstantSamples {

    private SameInstantSamples() {}

    /** The samples of one instant, with CMCD-derived ones dropped if a telemetry one exists. */
    public static List<QoeEvent> preferTelemetry(List<QoeEvent> sameInstant) {
        if (sameInstant.size() < 2) {
            return sameInstant;
        }
        List<QoeEvent> telemetry = new ArrayList<>();
        for (QoeEvent sample : sameInstant) {
            if (!isCmcd(sample)) {
                telemetry.add(sample);
            }
        }
        return telemetry.isEmpty() ? sameInstant : telemetry;
    }

    static boolean isCmcd(QoeEvent sample) {
        return sample.eventId() != null && sample.eventId().startsWith(CmcdDecoder.EVENT_ID_PREFIX);
    }
}
