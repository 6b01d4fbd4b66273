package io.reelstream.tests.qoe;

import io.reelstream.pipelines.qoe.QoeOptions;
import io.reelstream.schemas.cmcd.CmcdRecord;
import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.udfs.qoe.QoeJsonRecordSchema;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic QoE traffic for the alert ITCase: short playbacks on four CDNs, one of which
 * ({@link #DEGRADED_CDN}) rebuffers long, starts slowly and fails starts for a few minutes. It also
 * knows the outcomes the job must produce (sessions, stalls). One CDN ({@link #CMCD_CDN}) reports
 * through CMCD instead of the telemetry contract.
 */
public final class DegradedCdnTraffic {

    public static final String DEGRADED_CDN = "cdn-b";
    public static final String CMCD_CDN = "cdn-d";
    static final List<String> CDNS = List.of("cdn-a", DEGRADED_CDN, "cdn-c", CMCD_CDN);
    static final List<String> COUNTRIES = List.of("US", "DE", "BR");
    static final List<String> ISPS = List.of("isp-1", "isp-2", "isp-3");
    static final List<DeviceType> DEVICES =
            List.of(DeviceType.TV, DeviceType.MOBILE, DeviceType.WEB);
    public static final long MINUTE = 60_000;

    public final long start;
    public final int minutes;
    final int sessionsPerCdnMinute;
    final int degradedFromMinute;
    final int degradedUntilMinute;

    private final List<QoeEvent> samples = new ArrayList<>();
    private int sessions;
    private int expectedStalls;

    public DegradedCdnTraffic(
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
    public List<QoeEvent> samples() {
        return samples;
    }

    public int sessions() {
        return sessions;
    }

    /** Playbacks with one rebuffer longer than 5 s: exactly the degraded started ones. */
    public int expectedStalls() {
        return expectedStalls;
    }

    public long degradedFrom() {
        return start + degradedFromMinute * MINUTE;
    }

    public long degradedUntil() {
        return start + degradedUntilMinute * MINUTE;
    }

    /**
     * Every sample as the job reads it, in event-time order: telemetry JSON on the QoE topic under
     * {@code prefix}, {@link #CMCD_CDN}'s samples as CMCD v2 event-mode reports on the CMCD topic
     * (keyed by playback), then {@code malformedCmcd} CMCD reports that cannot be parsed.
     */
    public List<ProducerRecord<byte[], byte[]>> producerRecords(String prefix, int malformedCmcd) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (QoeEvent sample : samples) {
            records.add(producerRecord(prefix, sample));
        }
        for (int i = 0; i < malformedCmcd; i++) {
            String bad =
                    "{\"v\":1,\"eventTime\":"
                            + start
                            + ",\"cdn\":\""
                            + CMCD_CDN
                            + "\",\"deviceType\":\"TV\","
                            + "\"country\":\"US\",\"body\":\"sid=\\\"x"
                            + i
                            + "\\\",bl=(1 2\"}";
            records.add(
                    new ProducerRecord<>(
                            prefix + QoeOptions.CMCD_TOPIC.defaultValue(),
                            null,
                            start,
                            null,
                            bad.getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    /**
     * One playing sample of playback {@value #CLOSING_PLAYBACK} at {@code time} on each input
     * topic: sent once the traffic is consumed, it moves both sources' event time past every
     * session's inactivity timeout and every evaluation window, as later traffic would in
     * production, while its own session stays open (so no row or alert of its own).
     */
    public List<ProducerRecord<byte[], byte[]>> closingRecords(String prefix, long time) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (String cdn : List.of("cdn-a", CMCD_CDN)) {
            QoeEvent sample =
                    new QoeEvent(
                            QoeEvent.CURRENT_VERSION,
                            CLOSING_PLAYBACK + "-" + cdn,
                            time,
                            CLOSING_PLAYBACK + "-" + cdn,
                            "user-" + CLOSING_PLAYBACK,
                            "title-0",
                            PlayerState.PLAYING,
                            12_000L,
                            4_500,
                            13_500,
                            cdn,
                            ISPS.get(0),
                            64_500,
                            DeviceType.TV,
                            COUNTRIES.get(0),
                            null);
            records.add(producerRecord(prefix, sample));
        }
        return records;
    }

    /** The id prefix of the playbacks {@link #closingRecords} sends. */
    public static final String CLOSING_PLAYBACK = "closing";

    private static ProducerRecord<byte[], byte[]> producerRecord(String prefix, QoeEvent sample) {
        boolean viaCmcd = sample.cdn().equals(CMCD_CDN);
        return new ProducerRecord<>(
                prefix
                        + (viaCmcd
                                ? QoeOptions.CMCD_TOPIC.defaultValue()
                                : QoeOptions.QOE_TOPIC.defaultValue()),
                null,
                sample.eventTime(),
                sample.playbackId().getBytes(StandardCharsets.UTF_8),
                viaCmcd
                        ? QoeJsonRecordSchema.toJson(cmcd(sample))
                        : EventCodecs.qoeEncoder().encode(sample));
    }

    /** The sample as an edge would forward a CMCD v2 event-mode report. */
    private static CmcdRecord cmcd(QoeEvent sample) {
        StringBuilder body = new StringBuilder();
        body.append("sid=\"").append(sample.playbackId()).append("\"");
        body.append(",cid=\"").append(sample.titleId()).append("\"");
        body.append(",sta=").append(STA.get(sample.state()));
        body.append(",ts=").append(sample.eventTime());
        body.append(",v=2");
        if (sample.bitrateKbps() != null) {
            body.append(",br=").append(sample.bitrateKbps());
        }
        if (sample.bufferMs() != null) {
            body.append(",bl=").append(sample.bufferMs());
        }
        return new CmcdRecord(
                CmcdRecord.CURRENT_VERSION,
                sample.eventId(),
                sample.eventTime(),
                null,
                null,
                body.toString(),
                sample.userId(),
                sample.cdn(),
                sample.isp(),
                sample.asn(),
                sample.deviceType().name(),
                sample.country());
    }

    private static final Map<PlayerState, String> STA =
            Map.of(
                    PlayerState.STARTING, "s",
                    PlayerState.PLAYING, "p",
                    PlayerState.SEEKING, "k",
                    PlayerState.REBUFFERING, "r",
                    PlayerState.PAUSED, "a",
                    PlayerState.WAITING, "w",
                    PlayerState.ENDED, "e",
                    PlayerState.FATAL_ERROR, "f",
                    PlayerState.QUIT, "q");

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
