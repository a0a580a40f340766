package io.meltica.pool;

import com.typesafe.config.Config;

/**
 * Settings of an {@link EventPool}, read once at start-up.
 *
 * @param capacity envelopes kept by the pool; rounded up to a power of two
 * @param debug poison on release and check every access
 */
public record PoolConfig(int capacity, boolean debug) {
  /** System property that turns debug mode on whatever the configuration says. */
  public static final String DEBUG_PROPERTY = "meltica.pool.debug";

  public PoolConfig {
    if (capacity < 1) {
      throw new IllegalArgumentException("meltica.pool.capacity must be >= 1, got " + capacity);
    }
  }

  /** Reads {@code meltica.pool}; debug is on if the config or {@value #DEBUG_PROPERTY} says so. */
  public static PoolConfig fromConfig(Config config) {
    Config pool = config.getConfig("meltica.pool");
    return new PoolConfig(
        pool.getInt("capacity"), pool.getBoolean("debug") || Boolean.getBoolean(DEBUG_PROPERTY));
  }

  /** A pool of {@code capacity} whose debug mode follows {@value #DEBUG_PROPERTY}. */
  public static PoolConfig ofCapacity(int capacity) {
    return new PoolConfig(capacity, Boolean.getBoolean(DEBUG_PROPERTY));
  }
}
