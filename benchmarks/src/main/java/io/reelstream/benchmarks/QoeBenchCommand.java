package io.reelstream.benchmarks;

import io.reelstream.schemas.cmcd.CmcdRecord;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.EventDecoder;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.json.DecodeLimits;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.schemas.qoe.SessionOutcome;
import io.reelstream.udfs.qoe.LogHistogramSketch;
import io.reelstream.udfs.qoe.PlaybackSample;
import io.reelstream.udfs.qoe.QoeJsonRecordSchema;
import io.reelstream.udfs.qoe.cmcd.CmcdDecoder;
import io.reelstream.udfs.qoe.model.PlaybackSession;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;

/**
 * {@code reelstream bench qoe}: single-thread costs of the QoE building blocks against baselines
 * measured in the same run: CMCD decoding (v2 body, v1 query) vs decoding the same samples from the
 * qoe JSON contract; the session state machine vs that JSON decode; the startup sketch (add + p50 +
 * p95) vs sorting exact values per window. Only the ratios are meaningful.
 */
@Command(
        name = "qoe",
        mixinStandardHelpOptions = true,
        description = "CMCD decode, session state machine and quantile sketch vs baselines.")
public final class QoeBenchCommand implements Callable<Integer> {

    private static final long NOW = 1_800_000_000_000L;

    @Spec CommandSpec spec;

    @Option(names = "--samples", defaultValue = "200000", description = "QoE samples per round.")
    int samples;

    @Option(
            names = "--rounds",
            defaultValue = "5",
            description = "Measured rounds (after 2 warm-up).")
    int rounds;

    @Option(
            names = "--window-size",
            defaultValue = "200",
            description = "Startup values per window.")
    int windowSize;

    @Option(names = "--seed", defaultValue = "7", description = "Data seed.")
    long seed;

    /** Runs the command on its own (the {@code reelstream} command also registers it). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new QoeBenchCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<QoeEvent> events = samples(new Random(seed));
        List<RawRecord> json = new ArrayList<>();
        List<RawRecord> cmcdBody = new ArrayList<>();
        List<RawRecord> cmcdQuery = new ArrayList<>();
        for (QoeEvent e : events) {
            json.add(raw(EventCodecs.qoeEncoder().encode(e)));
            cmcdBody.add(raw(QoeJsonRecordSchema.toJson(wrapper(e, body(e), false))));
            cmcdQuery.add(raw(QoeJsonRecordSchema.toJson(wrapper(e, query(e), true))));
        }
        EventDecoder<QoeEvent> jsonDecoder = EventCodecs.qoeDecoder(DecodeLimits.defaults());
        CmcdDecoder cmcdDecoder = CmcdDecoder.of(DecodeLimits.defaults());
        double[] startups = new Random(seed).doubles(samples, 300, 6_000).toArray();

        double jsonRate = 0;
        double bodyRate = 0;
        double queryRate = 0;
        double sessionRate = 0;
        double sketchRate = 0;
        double sortRate = 0;
        for (int round = -2; round < rounds; round++) {
            double j = rate(samples, () -> decodeAll(jsonDecoder, json));
            double b = rate(samples, () -> decodeAll(cmcdDecoder, cmcdBody));
            double q = rate(samples, () -> decodeAll(cmcdDecoder, cmcdQuery));
            double s = rate(samples, () -> runSessions(events));
            double k = rate(samples, () -> sketchWindows(startups));
            double x = rate(samples, () -> sortWindows(startups));
            if (round >= 0) {
                jsonRate = Math.max(jsonRate, j);
                bodyRate = Math.max(bodyRate, b);
                queryRate = Math.max(queryRate, q);
                sessionRate = Math.max(sessionRate, s);
                sketchRate = Math.max(sketchRate, k);
                sortRate = Math.max(sortRate, x);
            }
        }
        out.printf(
                Locale.ROOT,
                "bench qoe: %d samples, best of %d rounds, 1 thread%n",
                samples,
                rounds);
        out.printf(Locale.ROOT, "qoe JSON decode (baseline): %,.0f samples/s%n", jsonRate);
        out.printf(
                Locale.ROOT,
                "CMCD v2 body decode:        %,.0f samples/s  ratio %.2f%n",
                bodyRate,
                bodyRate / jsonRate);
        out.printf(
                Locale.ROOT,
                "CMCD v1 query decode:       %,.0f samples/s  ratio %.2f%n",
                queryRate,
                queryRate / jsonRate);
        out.printf(
                Locale.ROOT,
                "session state machine:      %,.0f samples/s  ratio %.2f%n",
                sessionRate,
                sessionRate / jsonRate);
        out.printf(
                Locale.ROOT,
                "sort exact quantiles (baseline, windows of %d): %,.0f values/s%n",
                windowSize,
                sortRate);
        out.printf(
                Locale.ROOT,
                "sketch add + p50 + p95:     %,.0f values/s  ratio %.2f%n",
                sketchRate,
                sketchRate / sortRate);
        out.flush();
        return 0;
    }

    private static int decodeAll(EventDecoder<?> decoder, List<RawRecord> records) {
        int ok = 0;
        for (RawRecord r : records) {
            if (decoder.decode(r, NOW) instanceof DecodeResult.Ok<?>) {
                ok++;
            }
        }
        if (ok != records.size()) {
            throw new IllegalStateException(
                    "bench input must decode: " + ok + " of " + records.size());
        }
        return ok;
    }

    private static int runSessions(List<QoeEvent> events) {
        PlaybackSession session = null;
        String current = null;
        int summaries = 0;
        for (QoeEvent event : events) {
            PlaybackSample e = PlaybackSample.telemetry(event);
            if (!e.playbackId().equals(current)) {
                current = e.playbackId();
                session = PlaybackSession.open(e);
            } else if (session.apply(e).isPresent()) {
                summaries += session.summarize(SessionOutcome.COMPLETED).v();
            }
        }
        return summaries;
    }

    private int sketchWindows(double[] values) {
        double sum = 0;
        for (int from = 0; from < values.length; from += windowSize) {
            LogHistogramSketch sketch = new LogHistogramSketch();
            for (int i = from; i < Math.min(values.length, from + windowSize); i++) {
                sketch.add(values[i]);
            }
            sum += sketch.quantile(0.5) + sketch.quantile(0.95);
        }
        return (int) sum;
    }

    private int sortWindows(double[] values) {
        double sum = 0;
        for (int from = 0; from < values.length; from += windowSize) {
            double[] window =
                    Arrays.copyOfRange(values, from, Math.min(values.length, from + windowSize));
            Arrays.sort(window);
            sum +=
                    window[(int) (0.5 * (window.length - 1))]
                            + window[(int) (0.95 * (window.length - 1))];
        }
        return (int) sum;
    }

    private static double rate(int count, IntSupplier work) {
        long start = System.nanoTime();
        int sink = work.getAsInt();
        long elapsed = Math.max(1, System.nanoTime() - start);
        if (sink == Integer.MIN_VALUE) {
            throw new IllegalStateException("unreachable");
        }
        return count * 1e9 / elapsed;
    }

    /** Playbacks of 10 samples each: start, play with a rebuffer and a bitrate switch, end. */
    private List<QoeEvent> samples(Random random) {
        PlayerState[] states = {
            PlayerState.STARTING, PlayerState.PLAYING, PlayerState.PLAYING, PlayerState.REBUFFERING,
            PlayerState.PLAYING, PlayerState.PLAYING, PlayerState.PLAYING, PlayerState.PLAYING,
            PlayerState.PLAYING, PlayerState.ENDED
        };
        List<QoeEvent> events = new ArrayList<>(samples);
        for (int i = 0; events.size() < samples; i++) {
            long t0 = NOW - 2 * 86_400_000L + i * 1_000L;
            for (int s = 0; s < states.length && events.size() < samples; s++) {
                int bitrate = s < 5 ? 3_000 : 4_500;
                events.add(
                        new QoeEvent(
                                QoeEvent.CURRENT_VERSION,
                                "e-" + i + "-" + s,
                                t0 + s * 2_000L + random.nextInt(500),
                                "p-" + i,
                                "u-" + (i % 1_000),
                                "t-" + (i % 300),
                                states[s],
                                10_000L,
                                bitrate,
                                bitrate * 3,
                                "cdn-" + (i % 4),
                                "isp-" + (i % 7),
                                64_500 + (i % 7),
                                DeviceType.TV,
                                "US",
                                null));
            }
        }
        return events;
    }

    private static String body(QoeEvent e) {
        return "sid=\""
                + e.playbackId()
                + "\",cid=\""
                + e.titleId()
                + "\",sta="
                + sta(e.state())
                + ",ts="
                + e.eventTime()
                + ",v=2,br="
                + e.bitrateKbps()
                + ",bl="
                + e.bufferMs()
                + ",mtp="
                + e.throughputKbps();
    }

    private static String query(QoeEvent e) {
        String dict =
                "bl%3D"
                        + e.bufferMs()
                        + "%2Cbr%3D"
                        + e.bitrateKbps()
                        + (e.state() == PlayerState.REBUFFERING ? "%2Cbs" : "")
                        + "%2Ccid%3D%22"
                        + e.titleId()
                        + "%22%2Cmtp%3D"
                        + e.throughputKbps()
                        + "%2Cot%3Dv%2Csid%3D%22"
                        + e.playbackId()
                        + "%22";
        return "https://cdn.example/v/seg.m4v?CMCD=" + dict;
    }

    private static CmcdRecord wrapper(QoeEvent e, String payload, boolean asQuery) {
        return new CmcdRecord(
                CmcdRecord.CURRENT_VERSION,
                e.eventId(),
                e.eventTime(),
                asQuery ? payload : null,
                null,
                asQuery ? null : payload,
                e.userId(),
                e.cdn(),
                e.isp(),
                e.asn(),
                e.deviceType().name(),
                e.country());
    }

    private static String sta(PlayerState state) {
        return switch (state) {
            case STARTING -> "s";
            case PLAYING -> "p";
            case SEEKING -> "k";
            case REBUFFERING -> "r";
            case PAUSED -> "a";
            case WAITING -> "w";
            case ENDED -> "e";
            case FATAL_ERROR -> "f";
            case QUIT -> "q";
        };
    }

    private static RawRecord raw(byte[] value) {
        return new RawRecord("bench", 0, 0, NOW, null, value);
    }
}
