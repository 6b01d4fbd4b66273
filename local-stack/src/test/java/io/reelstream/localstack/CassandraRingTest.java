package io.reelstream.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CassandraRingTest {

    @TempDir Path dir;

    @Test
    void shouldSplitTheMurmur3RangeEvenly() {
        assertThat(CassandraRing.initialToken(0, 2)).isEqualTo(Long.MIN_VALUE);
        assertThat(CassandraRing.initialToken(1, 2)).isZero();
        assertThat(CassandraRing.initialToken(0, 3)).isEqualTo(Long.MIN_VALUE);
        assertThat(CassandraRing.initialToken(1, 3)).isEqualTo(-3074457345618258603L);
        assertThat(CassandraRing.initialToken(2, 3)).isEqualTo(3074457345618258602L);
    }

    @Test
    void shouldGiveEveryNodeItsAddressTheSamePortsAndTheFirstNodeAsSeed() {
        CassandraRing ring =
                CassandraRing.builder(dir).nodes(2).eachNode(n -> n.nativePort(19042)).build();

        CassandraConfig first = ring.node(0).config();
        CassandraConfig second = ring.node(1).config();
        assertThat(first.address()).isEqualTo("127.0.0.1");
        assertThat(second.address()).isEqualTo("127.0.0.2");
        assertThat(second.nativePort()).isEqualTo(19042).isEqualTo(first.nativePort());
        assertThat(second.storagePort()).isEqualTo(first.storagePort());
        assertThat(second.seeds()).isEqualTo("127.0.0.1:" + first.storagePort());
        assertThat(first.seeds()).isEqualTo(second.seeds());
        assertThat(first.initialToken()).hasValue(Long.MIN_VALUE);
        assertThat(second.initialToken()).hasValue(0);
        assertThat(first.dataDir()).isEqualTo(dir.resolve("node1").toAbsolutePath());
        assertThat(second.dataDir()).isEqualTo(dir.resolve("node2").toAbsolutePath());
        assertThat(ring.replicationFactor()).isEqualTo(2);
        assertThat(ring.contactPointsOption()).isEqualTo("127.0.0.1:19042,127.0.0.2:19042");
    }

    @Test
    void shouldKeepASingleNodeAsItWas() {
        CassandraRing ring = CassandraRing.builder(dir).build();

        CassandraConfig only = ring.node(0).config();
        assertThat(only.dataDir()).isEqualTo(dir.toAbsolutePath());
        assertThat(only.address()).isEqualTo("127.0.0.1");
        assertThat(only.seeds()).isEqualTo("127.0.0.1:" + only.storagePort());
        assertThat(only.initialToken()).isEmpty();
        assertThat(ring.replicationFactor()).isEqualTo(1);
    }

    @Test
    void shouldRefuseRingsLoopbackCannotAddress() {
        assertThatThrownBy(() -> CassandraRing.builder(dir).nodes(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CassandraRing.builder(dir).nodes(10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
