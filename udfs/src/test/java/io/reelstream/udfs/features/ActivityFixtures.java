package io.reelstream.udfs.features;

import io.reelstream.schemas.events.DeviceType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/** Named instants and activity factories, plus a generator of realistic out-of-order streams. */
public final class ActivityFixtures {

    public static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    public static final long SECOND = 1000L;
    public static final long MINUTE = 60 * SECOND;
    public static final long HOUR = 60 * MINUTE;
    public static final long DAY = 24 * HOUR;

    private ActivityFixtures() {}

    public static UserActivity playback(
            String user, ActivityKind kind, long time, String title, String playback, long pos) {
        UserActivity a = new UserActivity();
        a.userId = user;
        a.kind = kind;
        a.eventTime = time;
        a.titleId = title;
        a.playbackId = playback;
        a.deviceType = DeviceType.TV;
        a.positionMs = pos;
        a.progressEndMs = pos;
        return a;
    }

    public static UserActivity search(String user, long time) {
        UserActivity a = new UserActivity();
        a.userId = user;
        a.kind = ActivityKind.SEARCH;
        a.eventTime = time;
        a.deviceType = DeviceType.MOBILE;
        return a;
    }

    /** An activity with the time it reaches the job. */
    public record Arrival(UserActivity activity, long arrivalTime, boolean planted) {}

    /**
     * A few days of one user's traffic: bursts of searches and playbacks (heartbeats, pauses,
     * seeks, completions) separated by gaps from minutes to days; each event is delayed by up to
     * {@code maxDelayMs}, and {@code veryLate} events are delayed far beyond it.
     */
    public static List<Arrival> stream(
            long seed, String user, long maxDelayMs, long veryLateDelayMs) {
        Random r = new Random(seed);
        List<UserActivity> events = new ArrayList<>();
        long t = T0 + r.nextInt(3600) * SECOND;
        int playbacks = 0;
        while (t < T0 + 10 * DAY) {
            int burst = 1 + r.nextInt(4);
            for (int b = 0; b < burst; b++) {
                if (r.nextInt(3) == 0) {
                    events.add(search(user, t));
                    t += (1 + r.nextInt(15)) * MINUTE;
                }
                t = play(r, events, user, "pb-" + seed + "-" + playbacks++, t);
                t += r.nextInt(40) * MINUTE;
            }
            long gap = r.nextInt(4) == 0 ? r.nextInt(3 * 24) * HOUR : r.nextInt(300) * MINUTE;
            t += gap;
        }
        List<Arrival> arrivals = new ArrayList<>();
        for (UserActivity e : events) {
            boolean planted = r.nextInt(60) == 0;
            long delay = planted ? veryLateDelayMs : (long) (r.nextDouble() * maxDelayMs);
            arrivals.add(new Arrival(e, e.eventTime + delay, planted));
        }
        arrivals.sort(Comparator.comparingLong(Arrival::arrivalTime));
        return arrivals;
    }

    private static long play(
            Random r, List<UserActivity> events, String user, String playbackId, long t) {
        String title = "title-" + r.nextInt(12);
        DeviceType device = DeviceType.values()[r.nextInt(DeviceType.values().length)];
        long pos = r.nextInt(3) == 0 ? r.nextInt(600) * SECOND : 0;
        events.add(
                with(playback(user, ActivityKind.PLAY_START, t, title, playbackId, pos), device));
        int beats = 1 + r.nextInt(40);
        for (int i = 0; i < beats; i++) {
            long step = (30 + r.nextInt(31)) * SECOND;
            t += step;
            int what = r.nextInt(20);
            if (what == 0) {
                long from = pos + step;
                pos = Math.max(0, from + (r.nextInt(600) - 300) * SECOND);
                UserActivity seek =
                        playback(user, ActivityKind.PLAY_PROGRESS, t, title, playbackId, pos);
                seek.progressEndMs = from;
                events.add(with(seek, device));
                continue;
            }
            if (what == 1) {
                t += r.nextInt(20) * MINUTE; // paused: the playhead stands still
            } else {
                pos += step;
            }
            events.add(
                    with(
                            playback(user, ActivityKind.PLAY_PROGRESS, t, title, playbackId, pos),
                            device));
        }
        if (r.nextBoolean()) {
            t += 10 * SECOND;
            pos += 10 * SECOND;
            events.add(
                    with(
                            playback(user, ActivityKind.PLAY_COMPLETE, t, title, playbackId, pos),
                            device));
        }
        return t;
    }

    private static UserActivity with(UserActivity a, DeviceType device) {
        a.deviceType = device;
        return a;
    }
}
