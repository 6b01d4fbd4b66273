package io.reelstream.generator;

import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.events.SearchEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One member's viewing session, produced lazily in event-time order: an optional search, then one
 * title or a binge of consecutive episodes, each with START, HEARTBEATs every 30-60 s, PAUSE /
 * RESUME, SEEK, an occasional device switch, and STOP or COMPLETE; QoE samples alongside. The show
 * comes from {@link WatchNext}, given what the member's previous session watched.
 */
final class Session {

    private static final int[] LADDER_KBPS = {800, 1_600, 3_200, 5_800, 8_000, 16_000};
    private static final List<String> CDNS = List.of("cdn-a", "cdn-b", "cdn-c");

    private final long number;
    private final GeneratorConfig config;
    private final RecordFactory records;
    private final SplittableRandom random;
    private final Member member;
    private final String id;
    private final String profileId;
    private final ArrayDeque<GeneratedRecord> buffer = new ArrayDeque<>();
    private final ArrayDeque<CatalogRecord> planned = new ArrayDeque<>();
    private final ArrayDeque<Boolean> plannedCompletes = new ArrayDeque<>();

    private DeviceType device;
    private long time;
    private int sequence;
    private int playbacks;
    private Watch current;
    private double expectedRecords;
    private WatchNext.Watched watched;

    /** The state of the title being watched. */
    private static final class Watch {
        CatalogRecord title;
        String playbackId;
        long position;
        long endPosition;
        boolean completes;
        long switchAt;
        String cdn;
        int ladderStep;
        boolean stalls;
    }

    Session(
            GeneratorConfig config,
            Catalog catalog,
            WatchNext watchNext,
            RecordFactory records,
            Member member,
            WatchNext.Watched last,
            long start,
            long number,
            String id,
            SplittableRandom random) {
        this.number = number;
        this.config = config;
        this.records = records;
        this.random = random;
        this.member = member;
        this.id = id;
        this.time = start;
        this.profileId = "p-" + (1 + random.nextInt(member.profiles()));
        this.device = random.nextDouble() < 0.6 ? member.devices().get(0) : pick(member.devices());
        WatchNext.Pick pick = watchNext.pick(member, last, start, random);
        Show show = pick.show();
        boolean plays = true;
        if (random.nextDouble() < config.searchShare()) {
            expectedRecords++;
            search(show, catalog);
            plays = random.nextDouble() < 0.7;
            time += 10_000 + random.nextInt(290_000);
        }
        if (plays) {
            plan(show, pick.fromStart(), catalog);
        }
        refill();
    }

    long number() {
        return number;
    }

    boolean isFinished() {
        return buffer.isEmpty();
    }

    long headTime() {
        return buffer.getFirst().eventTime();
    }

    GeneratedRecord poll() {
        GeneratedRecord next = buffer.pollFirst();
        if (buffer.isEmpty()) {
            refill();
        }
        return next;
    }

    /** About how many records this session will produce, known when it starts. */
    double expectedRecords() {
        return expectedRecords;
    }

    Member member() {
        return member;
    }

    /** What this session plays, known when it starts; {@code null} if it only searches. */
    WatchNext.Watched watched() {
        return watched;
    }

    /** Event time of the last record produced so far. */
    long time() {
        return time;
    }

    private void refill() {
        while (buffer.isEmpty() && (current != null || !planned.isEmpty())) {
            if (current == null) {
                start(planned.poll(), plannedCompletes.poll(), -1);
            } else {
                advance();
            }
        }
    }

    private void plan(Show show, boolean fromStart, Catalog catalog) {
        List<CatalogRecord> titles = show.titles();
        CatalogRecord first =
                !fromStart && show.isSeries() && random.nextDouble() < 0.5
                        ? titles.get(random.nextInt(titles.size()))
                        : titles.get(0);
        planned.add(first);
        CatalogRecord last = first;
        while (random.nextDouble() < 0.55 && planned.size() < 6) {
            var next = catalog.nextEpisode(last.titleId());
            if (next.isEmpty()) {
                break;
            }
            last = next.get();
            planned.add(last);
        }
        int i = 0;
        boolean deep = false;
        for (CatalogRecord title : planned) {
            boolean completes = i++ < planned.size() - 1 || random.nextDouble() < 0.6;
            plannedCompletes.add(completes);
            deep |= completes && titles.indexOf(title) + 1 >= WatchNext.DEEP_SHARE * titles.size();
            double watchedMs = title.runtimeMs() * (completes ? 0.95 : 0.47);
            expectedRecords += 6 + watchedMs / 45_000.0 * (2 + config.cmcdShare());
        }
        watched = new WatchNext.Watched(show, deep);
    }

    private void start(CatalogRecord title, boolean completes, long resumeAt) {
        Watch w = new Watch();
        w.title = title;
        w.playbackId = "pb-" + id + "-" + (++playbacks);
        w.completes = completes;
        long runtime = title.runtimeMs();
        long credits = title.creditsOffsetMs() != null ? title.creditsOffsetMs() : runtime;
        w.endPosition =
                completes
                        ? credits + (long) (random.nextDouble() * (runtime - credits))
                        : (long) (runtime * (0.05 + 0.85 * random.nextDouble()));
        w.position =
                resumeAt >= 0
                        ? resumeAt
                        : random.nextDouble() < 0.15
                                ? (long) (w.endPosition * 0.5 * random.nextDouble())
                                : 0;
        w.switchAt =
                resumeAt < 0 && member.devices().size() > 1 && random.nextDouble() < 0.05
                        ? w.position + (long) ((w.endPosition - w.position) * random.nextDouble())
                        : -1;
        w.cdn = pickCdn();
        w.ladderStep = 1 + random.nextInt(3);
        w.stalls = random.nextDouble() < stallProbability(w.cdn);
        current = w;
        playback(PlaybackEventType.START, null);
        qoe(PlayerState.STARTING, 0L);
        time += 300 + random.nextInt(w.stalls ? 6_000 : 2_500);
        qoe(PlayerState.PLAYING, 4_000L + random.nextInt(8_000));
    }

    private void advance() {
        Watch w = current;
        double u = random.nextDouble();
        if (w.switchAt >= 0 && w.position >= w.switchAt) {
            switchDevice();
        } else if (u < 0.02) {
            playback(PlaybackEventType.PAUSE, null);
            qoe(PlayerState.PAUSED, null);
            time += 10_000 + random.nextInt(290_000);
            playback(PlaybackEventType.RESUME, null);
            qoe(PlayerState.PLAYING, 2_000L + random.nextInt(10_000));
        } else if (u < 0.04 && w.endPosition > 2_000) {
            long from = w.position;
            w.position = (long) (random.nextDouble() * (w.endPosition - 1_000));
            playback(PlaybackEventType.SEEK, from);
            qoe(PlayerState.SEEKING, 0L);
            time += 500 + random.nextInt(1_500);
            qoe(PlayerState.PLAYING, 4_000L + random.nextInt(8_000));
        } else {
            long step = 30_000 + random.nextInt(30_001);
            time += step;
            w.position += step;
            if (w.position >= w.endPosition) {
                finish(w);
            } else {
                playback(PlaybackEventType.HEARTBEAT, null);
                sampleQoe(w);
            }
        }
    }

    private void finish(Watch w) {
        w.position = w.endPosition;
        playback(w.completes ? PlaybackEventType.COMPLETE : PlaybackEventType.STOP, null);
        qoe(w.completes ? PlayerState.ENDED : PlayerState.QUIT, null);
        current = null;
        if (!w.completes) {
            planned.clear();
            plannedCompletes.clear();
        }
        time += 5_000 + random.nextInt(25_000);
    }

    private void switchDevice() {
        Watch w = current;
        playback(PlaybackEventType.STOP, null);
        qoe(PlayerState.QUIT, null);
        time += 20_000 + random.nextInt(100_000);
        DeviceType previous = device;
        while (device == previous) {
            device = pick(member.devices());
        }
        start(w.title, w.completes, w.position);
        current.endPosition = w.endPosition;
    }

    private void sampleQoe(Watch w) {
        boolean stall =
                config.isDegraded(w.cdn, time)
                        ? random.nextDouble() < 0.5
                        : w.stalls && random.nextDouble() < 0.3;
        if (stall) {
            qoe(PlayerState.REBUFFERING, 0L);
            time += 1_000 + random.nextInt(7_000);
            w.ladderStep = Math.max(0, w.ladderStep - 1);
            qoe(PlayerState.PLAYING, 2_000L + random.nextInt(4_000));
            return;
        }
        double u = random.nextDouble();
        if (u < 0.1) {
            w.ladderStep = Math.min(LADDER_KBPS.length - 1, w.ladderStep + 1);
        } else if (u < 0.15) {
            w.ladderStep = Math.max(0, w.ladderStep - 1);
        }
        qoe(PlayerState.PLAYING, 10_000L + random.nextInt(20_000));
    }

    private void search(Show show, Catalog catalog) {
        List<String> results = new ArrayList<>();
        results.add(show.titles().get(0).titleId());
        int extra = random.nextInt(10);
        List<CatalogRecord> all = catalog.titles();
        for (int i = 0; i < extra; i++) {
            String titleId = all.get(random.nextInt(all.size())).titleId();
            if (!results.contains(titleId)
                    && catalog.releases().isAvailable(catalog.showOf(titleId), time)) {
                results.add(titleId);
            }
        }
        String name = show.titles().get(0).name().replaceAll(" S\\d+E\\d+$", "");
        String query =
                random.nextDouble() < 0.7
                        ? name.toLowerCase(java.util.Locale.ROOT)
                                .substring(0, Math.min(name.length(), 3 + random.nextInt(8)))
                        : show.titles().get(0).genres().get(0);
        SearchEvent event =
                new SearchEvent(
                        SearchEvent.CURRENT_VERSION,
                        "se-" + id + "-" + (++sequence),
                        time,
                        member.userId(),
                        device,
                        member.country(),
                        query.strip(),
                        results.size() + random.nextInt(40),
                        List.copyOf(results));
        buffer.add(records.search(event, random));
    }

    private void playback(PlaybackEventType type, Long seekFrom) {
        Watch w = current;
        PlaybackEvent event =
                new PlaybackEvent(
                        PlaybackEvent.CURRENT_VERSION,
                        "e-" + id + "-" + (++sequence),
                        type,
                        time,
                        member.userId(),
                        profileId,
                        device,
                        member.country(),
                        w.title.titleId(),
                        w.playbackId,
                        w.position,
                        w.title.runtimeMs(),
                        seekFrom);
        buffer.add(records.playback(event, random));
    }

    private void qoe(PlayerState state, Long bufferMs) {
        Watch w = current;
        boolean playing = state == PlayerState.PLAYING || state == PlayerState.REBUFFERING;
        int bitrate = LADDER_KBPS[w.ladderStep];
        QoeEvent event =
                new QoeEvent(
                        QoeEvent.CURRENT_VERSION,
                        "q-" + id + "-" + (++sequence),
                        time,
                        w.playbackId,
                        member.userId(),
                        w.title.titleId(),
                        state,
                        bufferMs,
                        playing || state == PlayerState.STARTING ? bitrate : null,
                        playing ? (int) (bitrate * (1.5 + 3 * random.nextDouble())) : null,
                        w.cdn,
                        member.isp(),
                        member.asn(),
                        device,
                        member.country(),
                        null);
        buffer.add(records.qoe(event, random));
        if (config.cmcdShare() > 0 && random.nextDouble() < config.cmcdShare()) {
            buffer.add(records.cmcd(event, random));
        }
    }

    private String pickCdn() {
        double u = random.nextDouble();
        return u < 0.4 ? CDNS.get(0) : u < 0.75 ? CDNS.get(1) : CDNS.get(2);
    }

    private double stallProbability(String cdn) {
        if (config.isDegraded(cdn, time)) {
            return 0.9;
        }
        double share = config.stallShare();
        return cdn.equals(config.stallCdn()) ? Math.min(1, share * 2.5) : share * 0.4;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
