/**
 * The recommendation side's logic, without Flink: the item replica a member's scorer reads, the
 * ranker, and the job's settings. The learner's math itself is in {@code io.reelstream.udfs.mf}.
 */
package io.reelstream.udfs.recs.model;
