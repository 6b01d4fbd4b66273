package io.reelstream.benchmarks;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.udfs.features.ActivityKind;
import io.reelstream.udfs.features.UserActivity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Deterministic benchmark traffic: users watching titles (heartbeats every 30-60 s, some seeks),
 * searching now and then, over a few hours of event time, delivered up to 20 s out of order.
 */
final class WindowsBenchEvents {

    static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    static final long MAX_DISORDER_MS = 20_000;

    private WindowsBenchEvents() {}

    /** {@code count} activities of {@code users} users, in arrival order. */
    static List<UserActivity> generate(int count, int users, long seed) {
        Random r = new Random(seed);
        long[] clock = new long[users];
        long[] position = new long[users];
        String[] playback = new String[users];
        String[] title = new String[users];
        for (int u = 0; u < users; u++) {
            clock[u] = T0 + r.nextInt(600_000);
        }
        List<UserActivity> events = new ArrayList<>(count);
        int playbacks = 0;
        while (events.size() < count) {
            int u = r.nextInt(users);
            UserActivity a = new UserActivity();
            a.userId = "user-" + u;
            a.deviceType = DeviceType.values()[u % DeviceType.values().length];
            clock[u] += 30_000 + r.nextInt(30_001);
            a.eventTime = clock[u];
            int what = r.nextInt(100);
            if (playback[u] == null || what < 2) {
                playback[u] = "pb-" + playbacks++;
                title[u] = "title-" + r.nextInt(500);
                position[u] = 0;
                a.kind = what == 0 ? ActivityKind.SEARCH : ActivityKind.PLAY_START;
            } else if (what < 4) {
                a.kind = ActivityKind.PLAY_COMPLETE;
            } else {
                a.kind = ActivityKind.PLAY_PROGRESS;
            }
            if (a.kind != ActivityKind.SEARCH) {
                position[u] += a.kind == ActivityKind.PLAY_START ? 0 : 30_000 + r.nextInt(30_001);
                a.titleId = title[u];
                a.playbackId = playback[u];
                a.positionMs = position[u];
                a.progressEndMs = position[u];
            }
            if (a.kind == ActivityKind.PLAY_COMPLETE) {
                playback[u] = null;
            }
            events.add(a);
        }
        List<long[]> arrival = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            arrival.add(new long[] {events.get(i).eventTime + r.nextInt((int) MAX_DISORDER_MS), i});
        }
        arrival.sort(Comparator.comparingLong(x -> x[0]));
        List<UserActivity> ordered = new ArrayList<>(events.size());
        for (long[] x : arrival) {
            ordered.add(events.get((int) x[1]));
        }
        return ordered;
    }
}
