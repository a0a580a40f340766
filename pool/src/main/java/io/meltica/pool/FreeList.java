package io.meltica.pool;

import io.meltica.protocol.Event;

/**
 * Where a pool keeps its free envelopes: {@link FreeStack} (last in, first out, warm in the
 * caches), the default, or {@link FreeQueue} (first in, first out), the default in debug mode,
 * where a released envelope should stay FREE, and a stale reference to it throw, for as long as
 * possible ({@link PoolConfig#lastReleasedFirst()}).
 *
 * <p>Both take back only envelopes with a {@linkplain Event#poolSlot() slot}, so a pool keeps
 * exactly its capacity. Thread-safe and lock-free; a give/take pair is the release/acquire edge
 * that hands a reset envelope to its next owner.
 */
interface FreeList {
  /** A free envelope, or null if none is. */
  Event take();

  /**
   * Keeps {@code envelope} for a later {@link #take}.
   *
   * @return false if it has no slot (a miss's envelope), which the caller leaves to the collector
   */
  boolean give(Event envelope);

  /** Keeps an envelope the pool made up front; before the pool is shared. */
  default void fill(Event envelope) {
    give(envelope);
  }

  /** An empty free list for {@code capacity} slots, in the order {@code lastReleasedFirst} says. */
  static FreeList of(int capacity, boolean lastReleasedFirst) {
    return lastReleasedFirst ? new FreeStack(capacity) : new FreeQueue(capacity);
  }
}
