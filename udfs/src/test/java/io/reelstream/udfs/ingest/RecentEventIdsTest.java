package io.reelstream.udfs.ingest;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Duplicate detection by hashed ids within an event-time horizon. */
class RecentEventIdsTest {

    @Test
    void shouldRememberIdsUntilTheirEventTimeIsForgotten() {
        RecentEventIds ids = new RecentEventIds();
        for (int i = 0; i < 10; i++) {
            ids.add(RecentEventIds.hash("e" + i), 1000L * i);
        }
        assertThat(ids.contains(RecentEventIds.hash("e3"))).isTrue();
        assertThat(ids.contains(RecentEventIds.hash("e10"))).isFalse();

        assertThat(ids.forgetOlderThan(5000)).isEqualTo(5);

        assertThat(ids.size()).isEqualTo(5);
        assertThat(ids.contains(RecentEventIds.hash("e4"))).isFalse();
        assertThat(ids.contains(RecentEventIds.hash("e5"))).isTrue();
        assertThat(ids.eventTimeAt(0)).isEqualTo(5000);
    }

    @Test
    void shouldNeverTreatEventsWithoutIdAsDuplicates() {
        RecentEventIds ids = new RecentEventIds();
        ids.add(RecentEventIds.hash(null), 1);
        assertThat(ids.size()).isZero();
        assertThat(ids.contains(RecentEventIds.NO_ID)).isFalse();
        assertThat(RecentEventIds.hash("")).isNotEqualTo(RecentEventIds.NO_ID);
    }

    @Test
    void shouldHashDistinctIdsApart() {
        Set<Long> hashes = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            hashes.add(
                    RecentEventIds.hash(
                            UUID.nameUUIDFromBytes(
                                            new byte[] {
                                                (byte) i, (byte) (i >> 8), (byte) (i >> 16)
                                            })
                                    .toString()));
            hashes.add(RecentEventIds.hash("evt-" + i));
        }
        assertThat(hashes).hasSize(400_000);
    }
}
