package io.reelstream.udfs.cassandra;

import com.datastax.oss.driver.api.core.data.CqlVector;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;

import java.util.List;

/**
 * Codecs and Java types for binding collection columns, built once. The driver's convenient forms
 * ({@code bind(Object...)} with a list, {@code setList(i, v, Float.class)}, {@code setVector(i, v,
 * Float.class)}) build a {@code GenericType} through Guava reflection on every call: about a third
 * of all binding time in the sink bench's profile. Binders pass these instead.
 */
public final class CqlBindTypes {

    /** {@code list<float>}: no codec lookup at all. */
    public static final TypeCodec<List<Float>> LIST_OF_FLOAT = TypeCodecs.listOf(TypeCodecs.FLOAT);

    /** {@code list<text>}: no codec lookup at all. */
    public static final TypeCodec<List<String>> LIST_OF_TEXT = TypeCodecs.listOf(TypeCodecs.TEXT);

    /** {@code list<frozen<udt>>}: the codec depends on the UDT, so it is looked up (cached). */
    public static final GenericType<List<UdtValue>> LIST_OF_UDT =
            GenericType.listOf(UdtValue.class);

    /** {@code vector<float, k>}: the codec depends on k, so it is looked up (cached). */
    public static final GenericType<CqlVector<Float>> VECTOR_OF_FLOAT =
            GenericType.vectorOf(Float.class);

    private CqlBindTypes() {}
}
