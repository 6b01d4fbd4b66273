package io.reelstream.udfs.features;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.deadletter.Rejection;
import io.reelstream.schemas.features.UserFeatureVector;
import io.reelstream.udfs.features.model.UserSessionFeatureSet;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The user_features binder (row layout 2), without a database. */
class UserFeaturesTableTest {

    private static final List<String> FIXED = List.of("f0", "f1");

    private final UserFeaturesTable table = new UserFeaturesTable("user_session", 1, FIXED);

    private static UserFeatureVector vector(long asOf, long revision, double... values) {
        String[] names = new String[values.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = "f" + i;
        }
        return new UserFeatureVector(
                "u1", "user_session", 1, asOf, revision, names, values, FIXED.size());
    }

    @Test
    void shouldOrderWritesByAsOfThenRevision() {
        long a = table.writeTimestampMicros(vector(1000, 999, 1, 2));
        long b = table.writeTimestampMicros(vector(1001, 1000, 1, 2));
        long c = table.writeTimestampMicros(vector(1001, 1001, 1, 2));

        assertThat(a).isLessThan(b);
        assertThat(b).isLessThan(c);
        assertThat(b).isEqualTo(1001 * 1000L);
    }

    @Test
    void shouldRejectVectorsThatCannotBeStoredOrNamed() {
        UserFeatureVector ragged = vector(1, 1, 1.0, 2.0);
        ragged.names = new String[] {"f0", "f1", "f2"};
        UserFeatureVector renamed = vector(1, 1, 1.0, 2.0);
        renamed.names = new String[] {"f0", "other"};
        UserFeatureVector otherVersion = vector(1, 1, 1.0, 2.0);
        otherVersion.featureSetVersion = 2;

        assertThat(table.validate(vector(1, 1, 1.0, 2.0, 3.0))).isEmpty();
        assertThat(table.validate(ragged))
                .map(Rejection::reason)
                .contains(RejectReason.WRONG_DIMENSION);
        assertThat(table.validate(vector(1, 1, 1.0, Double.NaN)))
                .map(Rejection::reason)
                .contains(RejectReason.INVALID_VALUE);
        assertThat(table.validate(renamed))
                .map(Rejection::reason)
                .contains(RejectReason.INVALID_VALUE);
        assertThat(table.validate(otherVersion))
                .map(Rejection::reason)
                .contains(RejectReason.INVALID_VALUE);
        assertThat(table.coalesceKey(vector(1, 1))).isEqualTo(table.coalesceKey(vector(2, 2)));
        assertThat(table.cql("ks").get(0)).contains("ks.user_features").contains("USING TIMESTAMP");
    }

    @Test
    void shouldPackValuesAsBigEndianFloat32AndCarryOnlyTheExtraNames() {
        UserFeatureVector v = vector(1, 1, 1.5, -1.0, 0.25);

        ByteBuffer packed = UserFeaturesTable.packValues(v.values);

        assertThat(packed.remaining()).isEqualTo(12);
        assertThat(packed.getFloat(0)).isEqualTo(1.5f);
        assertThat(packed.getFloat(4)).isEqualTo(-1.0f);
        assertThat(packed.getFloat(8)).isEqualTo(0.25f);
        assertThat(v.extraNames()).containsExactly("f2");
    }

    @Test
    void shouldRegisterTheFixedNamesOnceAtStart() {
        UserFeaturesTable quoted = new UserFeaturesTable("user_session", 3, List.of("a", "it's"));

        assertThat(quoted.setup("ks"))
                .containsExactly(
                        "INSERT INTO ks.feature_sets (feature_set, version, fixed_names) VALUES"
                                + " ('user_session', 3, ['a', 'it''s'])");
    }

    @Test
    void shouldDescribeTheFeatureSetItWritesByDefault() {
        UserFeaturesTable defaults = new UserFeaturesTable();

        assertThat(defaults.setup("ks").get(0))
                .contains("'" + UserSessionFeatureSet.NAME + "', " + UserSessionFeatureSet.VERSION)
                .contains("'seconds_since_last_play'");
    }
}
