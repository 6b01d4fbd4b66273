package io.reelstream.udfs.continuewatching;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.deadletter.Rejection;
import io.reelstream.schemas.events.DeviceType;

import org.junit.jupiter.api.Test;

import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;

/** The Cassandra binder's statement, validation and keys (binding is proven in the ITCase). */
class ContinueWatchingTableTest {

    private final ContinueWatchingTable table = new ContinueWatchingTable(2);

    @Test
    void writesTheWholeRowWithTtlAndTimestampIntoTheGivenKeyspace() {
        assertThat(table.cql("ks"))
                .containsExactly(
                        "INSERT INTO ks.continue_watching (user_id, row_v, cw_row, updated_at)"
                                + " VALUES (?, ?, ?, ?) USING TTL ? AND TIMESTAMP ?");
        assertThat(table.tableName()).isEqualTo("continue_watching");
        assertThat(table.idempotent()).isTrue();
    }

    @Test
    void coalescesPerUserAndUsesTheRowsWriteTimestamp() {
        ContinueWatchingRowUpdate row = row("u1", 1, 3600);

        assertThat(table.coalesceKey(row)).isEqualTo("u1");
        assertThat(table.writeTimestampMicros(row)).isEqualTo(123_456_789L);
        assertThat(table.validate(row)).isEmpty();
        assertThat(table.validate(row("u1", 0, 3600))).isEmpty();
    }

    @Test
    void rejectsRowsThatCannotBeRight() {
        assertThat(table.validate(row("", 1, 3600)))
                .map(Rejection::reason)
                .contains(RejectReason.MISSING_FIELD);
        assertThat(table.validate(row("u1", 3, 3600)))
                .map(Rejection::reason)
                .contains(RejectReason.INVALID_VALUE);
        assertThat(table.validate(row("u1", 1, 0)))
                .map(Rejection::reason)
                .contains(RejectReason.INVALID_VALUE);
    }

    private static ContinueWatchingRowUpdate row(String user, int entries, int ttl) {
        ContinueWatchingEntry entry =
                new ContinueWatchingEntry("t", "s", 1, 10, 0.1, 5, DeviceType.TV);
        return new ContinueWatchingRowUpdate(
                1, user, Collections.nCopies(entries, entry), 5, 123_456_789L, ttl);
    }
}
