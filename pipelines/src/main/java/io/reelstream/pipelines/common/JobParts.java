package io.reelstream.pipelines.common;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/**
 * Checks the sources and sinks a job is built from: every job takes them as one record each ({@code
 * Job.Sources}, {@code Job.Sinks}), production ones from {@code fromConfiguration}, test ones from
 * tests.
 */
public final class JobParts {

    private JobParts() {}

    /**
     * {@code parts}, after checking that none of its components is null.
     *
     * @throws NullPointerException naming the missing component, e.g. {@code Sinks.deadLetters}
     */
    public static <R extends Record> R requireComplete(R parts) {
        if (parts == null) {
            throw new NullPointerException("sources or sinks");
        }
        for (RecordComponent component : parts.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(parts);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component.getName(), e);
            }
            if (value == null) {
                throw new NullPointerException(
                        parts.getClass().getSimpleName() + "." + component.getName());
            }
        }
        return parts;
    }
}
