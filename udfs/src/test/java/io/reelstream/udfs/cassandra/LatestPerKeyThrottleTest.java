package io.reelstream.udfs.cassandra;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatestPerKeyThrottleTest {

    private static final long INTERVAL = 60_000;

    private static KeyedOneInputStreamOperatorTestHarness<String, String, String> harness(
            long intervalMs) throws Exception {
        var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new LatestPerKeyThrottle<String, String>(intervalMs, Types.STRING)),
                        (String v) -> v.substring(0, v.indexOf(':')),
                        Types.STRING);
        ((SerializerConfigImpl) harness.getExecutionConfig().getSerializerConfig())
                .setGenericTypes(false);
        return harness;
    }

    @Test
    void passesTheFirstValueAtOnceAndOnlyTheNewestOfAnIntervalAtItsEnd() throws Exception {
        try (var h = harness(INTERVAL)) {
            h.open();
            h.setProcessingTime(1_000);
            h.processElement("a:1", 0);
            assertThat(h.extractOutputValues()).containsExactly("a:1");

            h.setProcessingTime(2_000);
            h.processElement("a:2", 0);
            h.processElement("a:3", 0);
            h.processElement("b:1", 0);
            assertThat(h.extractOutputValues()).containsExactly("a:1", "b:1");

            h.setProcessingTime(1_000 + INTERVAL - 1);
            assertThat(h.extractOutputValues()).containsExactly("a:1", "b:1");
            h.setProcessingTime(1_000 + INTERVAL);
            assertThat(h.extractOutputValues()).containsExactly("a:1", "b:1", "a:3");

            // a value within the next interval waits for its end
            h.setProcessingTime(1_000 + INTERVAL + 5);
            h.processElement("a:4", 0);
            h.setProcessingTime(1_000 + 2 * INTERVAL);
            assertThat(h.extractOutputValues()).containsExactly("a:1", "b:1", "a:3", "a:4");

            // a quiet interval ends the key's state and timers
            h.setProcessingTime(1_000 + 3 * INTERVAL);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numProcessingTimeTimers()).isZero();

            // then the next value passes at once again
            h.processElement("a:5", 0);
            assertThat(h.extractOutputValues()).endsWith("a:5");
        }
    }

    @Test
    void aHeldValueSurvivesASnapshotAndRestore() throws Exception {
        try (var h = harness(INTERVAL)) {
            h.open();
            h.setProcessingTime(0);
            h.processElement("a:1", 0);
            h.processElement("a:2", 0);
            var taken = h.snapshot(1, 10);
            try (var restored = harness(INTERVAL)) {
                restored.setup();
                restored.initializeState(taken);
                restored.open();
                restored.setProcessingTime(INTERVAL);
                assertThat(restored.extractOutputValues()).containsExactly("a:2");
                restored.setProcessingTime(2 * INTERVAL);
                assertThat(restored.numKeyedStateEntries()).isZero();
                assertThat(restored.numProcessingTimeTimers()).isZero();
            }
        }
    }

    @Test
    void zeroPassesEveryValueAndKeepsNoState() throws Exception {
        try (var h = harness(0)) {
            h.open();
            h.processElement("a:1", 0);
            h.processElement("a:2", 0);
            assertThat(h.extractOutputValues()).containsExactly("a:1", "a:2");
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void rejectsANegativeInterval() {
        assertThatThrownBy(() -> new LatestPerKeyThrottle<String, String>(-1, Types.STRING))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Against a naive reference on random arrivals: per key, the values passed are exactly those a
     * per-key clock of "last passed at" and "newest held" gives, and the key's newest value is
     * always passed in the end.
     */
    @Test
    void matchesANaiveReferenceOnRandomArrivals() throws Exception {
        Random random = new Random(7);
        long interval = 1_000;
        try (var h = harness(interval)) {
            h.open();
            NaiveThrottle naive = new NaiveThrottle(interval);
            long now = 0;
            for (int i = 0; i < 3_000; i++) {
                now += random.nextInt(200);
                h.setProcessingTime(now);
                naive.advanceTo(now);
                String value = "k" + random.nextInt(5) + ":" + i;
                h.processElement(value, 0);
                naive.add(value, now);
            }
            h.setProcessingTime(now + 2 * interval);
            naive.advanceTo(now + 2 * interval);
            assertThat(byKey(h.extractOutputValues())).isEqualTo(byKey(naive.passed));
            assertThat(naive.passed.size()).isBetween(100, 2_000);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numProcessingTimeTimers()).isZero();
        }
    }

    /** Each key's values in the order passed (timers of different keys due together may swap). */
    private static java.util.Map<String, List<String>> byKey(List<String> values) {
        java.util.Map<String, List<String>> out = new java.util.TreeMap<>();
        for (String v : values) {
            out.computeIfAbsent(v.substring(0, v.indexOf(':')), k -> new ArrayList<>()).add(v);
        }
        return out;
    }

    /** Per key: the interval end (or none) and the newest held value; timers in time order. */
    private static final class NaiveThrottle {
        private final long interval;
        private final java.util.Map<String, Long> ends = new java.util.HashMap<>();
        private final java.util.Map<String, String> held = new java.util.HashMap<>();
        final List<String> passed = new ArrayList<>();

        NaiveThrottle(long interval) {
            this.interval = interval;
        }

        void add(String value, long now) {
            String key = value.substring(0, value.indexOf(':'));
            if (!ends.containsKey(key)) {
                passed.add(value);
                ends.put(key, now + interval);
            } else {
                held.put(key, value);
            }
        }

        void advanceTo(long now) {
            while (true) {
                String due = null;
                long dueAt = Long.MAX_VALUE;
                for (var e : ends.entrySet()) {
                    if (e.getValue() <= now && e.getValue() < dueAt) {
                        due = e.getKey();
                        dueAt = e.getValue();
                    }
                }
                if (due == null) {
                    return;
                }
                String value = held.remove(due);
                if (value == null) {
                    ends.remove(due);
                } else {
                    passed.add(value);
                    ends.put(due, dueAt + interval);
                }
            }
        }
    }
}
