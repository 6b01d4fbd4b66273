package io.reelstream.udfs.cassandra.internal;

import java.util.List;

/**
 * The elements one multi-row batch request writes, handed to the {@link WriteListener} as the
 * request's element, so metrics and dead-letter logs stay per element.
 */
record WriteBatch(List<?> elements) {}
