/**
 * Continue watching's rules, without Flink: completion, playback order, the catalog lookup and the
 * row view a reader sees.
 *
 * <p>The value types that previous releases' savepoints name ({@code ContinueWatchingRow}, {@code
 * TitleProgress}, {@code RowWriteClock}, {@code CatalogTitle}) stay in {@code
 * io.reelstream.udfs.continuewatching}: a savepoint restores them by class name ({@code
 * SavepointClassNamesTest}).
 */
package io.reelstream.udfs.continuewatching.model;
