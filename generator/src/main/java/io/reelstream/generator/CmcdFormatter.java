package io.reelstream.generator;

import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.events.QoeEvent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a QoE sample the way a CTA-5004 (CMCD v1) player sends it in query form: {@code
 * CMCD=<url-encoded key=value list>}, keys in alphabetical order, strings quoted, true booleans as
 * bare keys. Example: {@code
 * CMCD=bl%3D21300%2Cbr%3D3200%2Cbs%2Cd%3D4004%2Cmtp%3D25400%2Cot%3Dv%2Csid%3D%22pb-1%22}.
 */
final class CmcdFormatter {

    /** Segment duration of the generated ladder, ms. */
    static final int SEGMENT_DURATION_MS = 4004;

    private CmcdFormatter() {}

    static String format(QoeEvent sample) {
        List<String> pairs = new ArrayList<>();
        if (sample.bufferMs() != null) {
            pairs.add("bl=" + roundTo100(sample.bufferMs()));
        }
        if (sample.bitrateKbps() != null) {
            pairs.add("br=" + sample.bitrateKbps());
        }
        if (sample.state() == PlayerState.REBUFFERING) {
            pairs.add("bs");
        }
        if (sample.titleId() != null) {
            pairs.add("cid=\"" + sample.titleId() + "\"");
        }
        pairs.add("d=" + SEGMENT_DURATION_MS);
        if (sample.throughputKbps() != null) {
            pairs.add("mtp=" + roundTo100(sample.throughputKbps()));
        }
        pairs.add("ot=v");
        pairs.add("sid=\"" + sample.playbackId() + "\"");
        if (sample.state() == PlayerState.STARTING) {
            pairs.add("su");
        }
        return "CMCD=" + URLEncoder.encode(String.join(",", pairs), StandardCharsets.UTF_8);
    }

    private static long roundTo100(long value) {
        return Math.round(value / 100.0) * 100;
    }
}
