package io.meltica.protocol;

/** A consumer's answer to {@link UpdateMinVersion}: from now on it drops older market data. */
public record MinVersionConfirmed(int consumerId, long minVersion, long requestId) {}
