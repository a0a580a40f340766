package io.meltica.protocol;

/**
 * A strategy's answer to {@link UpdateMinVersion}: from now on it drops older market data. The
 * router collects them to tell when a flip has reached every strategy.
 */
public record MinVersionConfirmed(int strategyId, long minVersion, long requestId)
    implements RouterMessage {}
