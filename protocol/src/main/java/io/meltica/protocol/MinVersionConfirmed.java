package io.meltica.protocol;

/**
 * A consumer's answer to {@link UpdateMinVersion}: from now on it drops older market data. The
 * router collects them to tell when a flip has reached every consumer.
 */
public record MinVersionConfirmed(int consumerId, long minVersion, long requestId)
    implements RouterMessage {}
