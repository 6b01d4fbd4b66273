package io.reelstream.udfs.features;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.lang.reflect.Type;
import java.util.Map;

/**
 * Flink's type information for {@link UserActivity}: found through the class's {@code @TypeInfo}
 * annotation wherever Flink extracts the type, it gives {@link UserActivitySerializer}.
 */
public final class UserActivityTypeInfo extends TypeInformation<UserActivity> {

    private static final long serialVersionUID = 1L;

    public static final UserActivityTypeInfo INSTANCE = new UserActivityTypeInfo();

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<UserActivity> getTypeClass() {
        return UserActivity.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<UserActivity> createSerializer(SerializerConfig config) {
        return UserActivitySerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "UserActivity";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserActivityTypeInfo;
    }

    @Override
    public int hashCode() {
        return UserActivityTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof UserActivityTypeInfo;
    }

    /** The factory the {@code @TypeInfo} annotation of {@link UserActivity} names. */
    public static final class Factory extends TypeInfoFactory<UserActivity> {
        @Override
        public TypeInformation<UserActivity> createTypeInfo(
                Type type, Map<String, TypeInformation<?>> genericParameters) {
            return INSTANCE;
        }
    }
}
