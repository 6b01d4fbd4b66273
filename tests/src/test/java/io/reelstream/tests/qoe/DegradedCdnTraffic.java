package io.reelstream.tests.qoe;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.events.QoeEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic QoE traffic for the alert ITCase: short playbacks on four CDNs, one of which
 * ({@link #DEGRADED_CDN}) rebuffers long, starts slowly and fails starts for a few minutes. It also
 * knows the outcomes the job must produce (sessions, stalls). One CDN ({@link #CMCD_CDN}) reports
 * through CMCD instead of the telemetry contract.
 */
final class DegradedCdnTraffic {

    static final String DEGRADED_CDN = "cdn-b";
    static final String CMCD_CDN = "cdn-d";
    static final List<String> CDNS = List.of("cdn-a", DEGRADED_CDN, "cdn-c", CMCD_CDN);
    static final List<String> COUNTRIES = List.of("US", "DE", "BR");
    static final List<String> ISPS = List.of("isp-1", "isp-2", "isp-3");
    static final List<DeviceType> DEVICES =
            List.of(DeviceType.TV, DeviceType.MOBILE, DeviceType.WEB);
    static final long MINUTE = 60_000;

    final long start;
    final int minutes;
    final int sessionsPerCdnMinute;
    final int degradedFromMinute;
    final int degradedUntilMinute;

    private final List<QoeEvent> samples = new ArrayList<>();
    private int sessions;
    private int expectedStalls;

    DegradedCdnTraffic(
            long start,
            int minutes,
            int sessionsPerCdnMinute,
            int degradedFromMinute,
            int degradedUntilMinute,
            long seed) {
        this.start = start;
        this.minutes = minutes;
        this.sessionsPerCdnMinute = sessionsPerCdnMinute;
        this.degradedFromMinute = degradedFromMinute;
        this.degradedUntilMinute = degradedUntilMinute;
        generate(new Random(seed));
    }

    /** Every sample of every playback, in event-time order. */
    List<QoeEvent> samples() {
        return samples;
    }

    int sessions() {
        return sessions;
    }

    /** Playbacks with one rebuffer longer than 5 s: exactly the degraded started ones. */
    int expectedStalls() {
        return expectedStalls;
    }

    long degradedFrom() {
        return start + degradedFromMinute * MINUTE;
    }

    long degradedUntil() {
        return start + degradedUntilMinute * MINUTE;
    }

    private void generate(Random random) {
        for (int minute = 0; minute < minutes; minute++) {
            for (String cdn : CDNS) {
                boolean degraded =
                        cdn.equals(DEGRADED_CDN)
                                && minute >= degradedFromMinute
                                && minute < degradedUntilMinute;
                for (int i = 0; i < sessionsPerCdnMinute; i++) {
                    long t0 = start + minute * MINUTE + random.nextInt((int) MINUTE);
                    playback(cdn + "-" + minute + "-" + i, cdn, t0, degraded, random);
                    sessions++;
                }
            }
        }
        samples.sort(
                java.util.Comparator.comparingLong(QoeEvent::eventTime)
                        .thenComparing(QoeEvent::eventId));
    }

    private void playback(String id, String cdn, long t0, boolean degraded, Random random) {
        int place = random.nextInt(COUNTRIES.size() * ISPS.size() * DEVICES.size());
        Context c =
                new Context(
                        id,
                        cdn,
                        COUNTRIES.get(place % 3),
                        ISPS.get((place / 3) % 3),
                        DEVICES.get(place / 9));
        add(c, t0, PlayerState.STARTING, null);
        double roll = random.nextDouble();
        if (roll < 0.02) {
            add(c, t0 + 3_000, PlayerState.QUIT, null);
            return;
        }
        if (degraded && roll < 0.2) {
            add(c, t0 + 4_000, PlayerState.FATAL_ERROR, null);
            return;
        }
        long startup = degraded ? 3_000 + random.nextInt(2_000) : 700 + random.nextInt(800);
        int bitrate = degraded ? 1_500 : 4_500;
        long t = t0 + startup;
        add(c, t, PlayerState.PLAYING, bitrate);
        if (degraded) {
            add(c, t + 10_000, PlayerState.REBUFFERING, bitrate);
            add(c, t + 18_000, PlayerState.PLAYING, bitrate);
            expectedStalls++;
        } else if (random.nextDouble() < 0.1) {
            add(c, t + 10_000, PlayerState.REBUFFERING, bitrate);
            add(c, t + 11_000, PlayerState.PLAYING, bitrate);
        } else {
            add(c, t + 10_000, PlayerState.PLAYING, bitrate);
        }
        if (random.nextDouble() < 0.01) {
            return;
        }
        add(c, t + 30_000, PlayerState.ENDED, bitrate);
    }

    private void add(Context c, long time, PlayerState state, Integer bitrate) {
        samples.add(
                new QoeEvent(
                        QoeEvent.CURRENT_VERSION,
                        c.id + "@" + (time - start),
                        time,
                        c.id,
                        "user-" + c.id,
                        "title-" + (Math.abs(c.id.hashCode()) % 50),
                        state,
                        state == PlayerState.REBUFFERING ? 0L : 12_000L,
                        bitrate,
                        bitrate == null ? null : bitrate * 3,
                        c.cdn,
                        c.isp,
                        64_500 + ISPS.indexOf(c.isp),
                        c.device,
                        c.country,
                        state == PlayerState.FATAL_ERROR ? "MEDIA_ERR_NETWORK" : null));
    }

    private record Context(String id, String cdn, String country, String isp, DeviceType device) {}
}
