package io.reelstream.schemas.qoe;

/** Lifecycle of a QoE alert; names are part of the alert contract and the Cassandra rows. */
public enum AlertState {
    OPEN,
    RESOLVED
}
