package io.meltica.pool;

import com.typesafe.config.Config;
import java.util.Locale;

/**
 * Settings of an {@link EventPool}, read once at start-up.
 *
 * @param capacity envelopes kept by the pool; rounded up to a power of two
 * @param debug poison on release and check every access
 * @param acquisitionStacks in debug mode, keep the stack of every acquisition for leak reports
 * @param lastReleasedFirst hand out the envelope released last first ({@link FreeStack}: warm in
 *     the caches) instead of the one released first ({@link FreeQueue}: free, and poisoned in debug
 *     mode, for as long as possible)
 */
public record PoolConfig(
    int capacity, boolean debug, boolean acquisitionStacks, boolean lastReleasedFirst) {
  /** System property that turns debug mode on whatever the configuration says. */
  public static final String DEBUG_PROPERTY = "meltica.pool.debug";

  /** System property that turns acquisition stacks on whatever the configuration says. */
  public static final String STACKS_PROPERTY = "meltica.pool.debug-stacks";

  public PoolConfig {
    if (capacity < 1) {
      throw new IllegalArgumentException("meltica.pool.capacity must be >= 1, got " + capacity);
    }
  }

  /** Settings with the order of reuse {@code free-order = auto} picks: LIFO unless debug. */
  public PoolConfig(int capacity, boolean debug, boolean acquisitionStacks) {
    this(capacity, debug, acquisitionStacks, !debug);
  }

  /**
   * Reads {@code meltica.pool}; debug and stacks are on if the config or the system properties
   * {@value #DEBUG_PROPERTY} and {@value #STACKS_PROPERTY} say so.
   *
   * @throws IllegalArgumentException naming the key and value if {@code free-order} is not {@code
   *     auto}, {@code lifo} or {@code fifo}
   */
  public static PoolConfig fromConfig(Config config) {
    Config pool = config.getConfig("meltica.pool");
    boolean debug = pool.getBoolean("debug") || Boolean.getBoolean(DEBUG_PROPERTY);
    String order = pool.getString("free-order").toLowerCase(Locale.ROOT);
    boolean lastReleasedFirst =
        switch (order) {
          case "auto" -> !debug;
          case "lifo" -> true;
          case "fifo" -> false;
          default ->
              throw new IllegalArgumentException(
                  "meltica.pool.free-order must be auto, lifo or fifo, got '" + order + "'");
        };
    return new PoolConfig(
        pool.getInt("capacity"),
        debug,
        pool.getBoolean("debug-acquisition-stacks") || Boolean.getBoolean(STACKS_PROPERTY),
        lastReleasedFirst);
  }

  /** A pool of {@code capacity} whose debug mode follows the system properties. */
  public static PoolConfig ofCapacity(int capacity) {
    return new PoolConfig(
        capacity, Boolean.getBoolean(DEBUG_PROPERTY), Boolean.getBoolean(STACKS_PROPERTY));
  }
}
