package io.reelstream.udfs.recs;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.deadletter.Rejection;

import com.datastax.oss.driver.api.core.data.CqlVector;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Conversions and checks shared by the factor tables: {@code vector<float, k>} columns. */
final class FactorVectors {

    private FactorVectors() {}

    static CqlVector<Float> toCql(float[] factors) {
        List<Float> values = new ArrayList<>(factors.length);
        for (float f : factors) {
            values.add(f);
        }
        return CqlVector.newInstance(values);
    }

    static Optional<Rejection> check(String id, float[] factors, int dimension) {
        if (id == null || id.isEmpty()) {
            return Optional.of(new Rejection(RejectReason.MISSING_FIELD, "id is empty"));
        }
        if (factors == null || factors.length != dimension) {
            return Optional.of(
                    new Rejection(
                            RejectReason.WRONG_DIMENSION,
                            "factors of "
                                    + id
                                    + " have dimension "
                                    + (factors == null ? 0 : factors.length)
                                    + ", table has "
                                    + dimension));
        }
        for (float f : factors) {
            if (!Float.isFinite(f)) {
                return Optional.of(
                        new Rejection(RejectReason.INVALID_VALUE, "non-finite factor in " + id));
            }
        }
        return Optional.empty();
    }
}
