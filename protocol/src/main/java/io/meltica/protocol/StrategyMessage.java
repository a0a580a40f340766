package io.meltica.protocol;

/**
 * What a strategy (strategy) actor accepts: pooled {@link Event}s and {@link UpdateMinVersion}. An
 * Event is sent as it is, never wrapped, so that a delivery allocates nothing.
 */
public interface StrategyMessage {}
