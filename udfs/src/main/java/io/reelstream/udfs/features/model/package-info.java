/**
 * The session features' math, without Flink: the per-member model ({@code UserSessionModel}),
 * session tracking, the feature set's definitions, playback progress and search conversions. Unit
 * tested against a naive reference; the Flink function in the package above only feeds it.
 *
 * <p>The value types that previous releases' savepoints name ({@code UserSession}, {@code
 * UserTimeline}, {@code SliceAccumulator}, {@code PlaybackCursor}, {@code TitleGenres}) stay in
 * {@code io.reelstream.udfs.features}: a savepoint restores them by class name ({@code
 * SavepointClassNamesTest}).
 */
package io.reelstream.udfs.features.model;
