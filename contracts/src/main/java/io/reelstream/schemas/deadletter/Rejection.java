package io.reelstream.schemas.deadletter;

/** Why one record was rejected: a reason for machines and a detail for people. */
public record Rejection(RejectReason reason, String detail) {}
