package io.reelstream.udfs.features;

import io.reelstream.schemas.decode.RejectReason;
import io.reelstream.schemas.decode.Rejection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The user_features binder and the feature-topic JSON contract, without a database. */
class UserFeaturesTableTest {

    private final UserFeaturesTable table = new UserFeaturesTable();

    private static UserFeatureVector vector(long asOf, long revision, double... values) {
        String[] names = new String[values.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = "f" + i;
        }
        return new UserFeatureVector("u1", "user_session", 1, asOf, revision, names, values);
    }

    @Test
    void shouldOrderWritesByAsOfThenRevision() {
        long a = table.writeTimestampMicros(vector(1000, 999));
        long b = table.writeTimestampMicros(vector(1001, 1000));
        long c = table.writeTimestampMicros(vector(1001, 1001));

        assertThat(a).isLessThan(b);
        assertThat(b).isLessThan(c);
        assertThat(b).isEqualTo(1001 * 1000L);
    }

    @Test
    void shouldRejectVectorsThatCannotBeStored() {
        UserFeatureVector ragged = vector(1, 1, 1.0);
        ragged.names = new String[] {"a", "b"};

        assertThat(table.validate(vector(1, 1, 1.0, 2.0))).isEmpty();
        assertThat(table.validate(ragged))
                .map(Rejection::reason)
                .contains(RejectReason.WRONG_DIMENSION);
        assertThat(table.validate(vector(1, 1, Double.NaN)))
                .map(Rejection::reason)
                .contains(RejectReason.INVALID_VALUE);
        assertThat(table.coalesceKey(vector(1, 1))).isEqualTo(table.coalesceKey(vector(2, 2)));
        assertThat(table.cql("ks").get(0)).contains("ks.user_features").contains("USING TIMESTAMP");
    }

    @Test
    void shouldRoundTripTheFeatureTopicJson() {
        UserFeatureVector v = vector(1_767_225_600_000L, 7, 1.5, -1.0, 0.0);

        UserFeatureVector copy =
                UserFeatureVectorJson.decode(new UserFeatureVectorJson().encode(v));

        assertThat(copy).isEqualTo(v);
        assertThatThrownBy(() -> UserFeatureVectorJson.decode("{\"v\":99}".getBytes()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 99");
    }
}
