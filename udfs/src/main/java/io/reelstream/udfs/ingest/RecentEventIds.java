package io.reelstream.udfs.ingest;

import java.util.Arrays;

/**
 * The ids of one key's recent events, kept only while a copy could still count: duplicate detection
 * inside the owner's state, without one state entry and one timer per event id.
 *
 * <p>An event older than the watermark minus the allowed lateness is dropped as late by the owner,
 * so its id can be forgotten at that point ({@link #forgetOlderThan}); a copy arriving later is
 * late too. Ids are kept as 64-bit hashes ({@link #hash}) with their event time: a false
 * "duplicate" needs two of a member's few recent ids to collide on 64 bits. Flink-free.
 */
public final class RecentEventIds {

    /** Hash of "no id": events without an id are never duplicates. */
    public static final long NO_ID = 0L;

    private long[] hashes = new long[0];
    private long[] eventTimes = new long[0];
    private int size;

    /** A 64-bit hash of {@code id} (FNV-1a over its chars, then a murmur3 finalizer); never 0. */
    public static long hash(String id) {
        if (id == null) {
            return NO_ID;
        }
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == NO_ID ? 1L : h;
    }

    /** Whether an event with this id hash was seen and is still remembered. */
    public boolean contains(long hash) {
        if (hash == NO_ID) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (hashes[i] == hash) {
                return true;
            }
        }
        return false;
    }

    /** Remembers an event's id; ids {@link #NO_ID} are not kept. */
    public void add(long hash, long eventTime) {
        if (hash == NO_ID) {
            return;
        }
        if (size == hashes.length) {
            int capacity = Math.max(4, size * 2);
            hashes = Arrays.copyOf(hashes, capacity);
            eventTimes = Arrays.copyOf(eventTimes, capacity);
        }
        hashes[size] = hash;
        eventTimes[size] = eventTime;
        size++;
    }

    /** Forgets the ids of events older than {@code eventTime}; returns how many were forgotten. */
    public int forgetOlderThan(long eventTime) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (eventTimes[i] >= eventTime) {
                hashes[kept] = hashes[i];
                eventTimes[kept] = eventTimes[i];
                kept++;
            }
        }
        int forgotten = size - kept;
        size = kept;
        return forgotten;
    }

    /** Number of remembered ids. */
    public int size() {
        return size;
    }

    /** The hash of the {@code i}-th remembered id (for serializers). */
    public long hashAt(int i) {
        return hashes[i];
    }

    /** The event time of the {@code i}-th remembered id (for serializers). */
    public long eventTimeAt(int i) {
        return eventTimes[i];
    }

    /** Forgets every id. */
    public void clear() {
        size = 0;
        hashes = new long[0];
        eventTimes = new long[0];
    }
}
