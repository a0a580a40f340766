package io.meltica.pool;

import com.typesafe.config.Config;

/**
 * Settings of an {@link EventPool}, read once at start-up.
 *
 * @param capacity envelopes kept by the pool; rounded up to a power of two
 * @param debug poison on release and check every access
 * @param acquisitionStacks in debug mode, keep the stack of every acquisition for leak reports
 */
public record PoolConfig(int capacity, boolean debug, boolean acquisitionStacks) {
  /** System property that turns debug mode on whatever the configuration says. */
  public static final String DEBUG_PROPERTY = "meltica.pool.debug";

  /** System property that turns acquisition stacks on whatever the configuration says. */
  public static final String STACKS_PROPERTY = "meltica.pool.debug-stacks";

  public PoolConfig {
    if (capacity < 1) {
      throw new IllegalArgumentException("meltica.pool.capacity must be >= 1, got " + capacity);
    }
  }

  /**
   * Reads {@code meltica.pool}; debug and stacks are on if the config or the system properties
   * {@value #DEBUG_PROPERTY} and {@value #STACKS_PROPERTY} say so.
   */
  public static PoolConfig fromConfig(Config config) {
    Config pool = config.getConfig("meltica.pool");
    return new PoolConfig(
        pool.getInt("capacity"),
        pool.getBoolean("debug") || Boolean.getBoolean(DEBUG_PROPERTY),
        pool.getBoolean("debug-acquisition-stacks") || Boolean.getBoolean(STACKS_PROPERTY));
  }

  /** A pool of {@code capacity} whose debug mode follows the system properties. */
  public static PoolConfig ofCapacity(int capacity) {
    return new PoolConfig(
        capacity, Boolean.getBoolean(DEBUG_PROPERTY), Boolean.getBoolean(STACKS_PROPERTY));
  }
}
