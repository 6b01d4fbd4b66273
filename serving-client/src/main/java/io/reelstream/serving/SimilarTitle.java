package io.reelstream.serving;

/** A show similar to another by cosine similarity of item factors (1 = same direction). */
public record SimilarTitle(String showId, float similarity) {}
