package io.meltica.pool;

import io.meltica.protocol.Event;
import java.util.concurrent.atomic.LongAdder;

/**
 * The single way back into the {@link EventPool}: every path an envelope can end on (handled,
 * filtered, undeliverable, merged, dead letter, overflow, shutdown) calls one of these methods with
 * its {@link RecycleReason}, and each reason has its own counter. There is one per pool ({@link
 * EventPool#recycler()}), so the per-reason counts add up to the pool's released count.
 *
 * <p>Every call passes the generation the holder received with the envelope ({@link
 * Event#generation()} read when it reached the holder, never just before releasing): a release that
 * comes late, after the envelope went to another owner, is refused instead of freeing that owner's
 * envelope.
 *
 * <p>A shared envelope ({@link Event#share}) is released once by each of its holders; only the last
 * release returns it, and only that one is counted, under its reason. The per-reason counts are
 * therefore per envelope, not per holder.
 *
 * <h2>Concurrency</h2>
 *
 * Thread-safe; any strategy thread may call it. Counters are {@link LongAdder}s incremented only
 * after the pool accepted the release, so a refused release (which throws) is not counted under a
 * reason. No method allocates.
 */
public final class Recycler {
  private static final RecycleReason[] REASONS = RecycleReason.values();

  private final EventPool pool;
  private final LongAdder[] counts = new LongAdder[REASONS.length];

  Recycler(EventPool pool) {
    this.pool = pool;
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  /** The pool this recycler returns envelopes to. */
  public EventPool pool() {
    return pool;
  }

  /**
   * Returns {@code event}, held under {@code generation}, to the pool. The caller must not touch it
   * afterwards.
   *
   * @throws io.meltica.protocol.ReleaseRefusedException if it was already released, or {@code
   *     generation} is not its current one
   * @throws IllegalArgumentException if the pool did not make it
   */
  public void recycle(Event event, long generation, RecycleReason reason) {
    if (pool.release(event, generation, reason.name())) {
      counts[reason.ordinal()].increment();
    }
  }

  /**
   * Returns {@code event} to the pool that made it, found through its origin, for a holder that
   * found the envelope by itself (a mailbox, a serializer, a dead letter). An envelope no pool made
   * ({@link Event#standalone()}) is left to the garbage collector.
   *
   * @return whether a pool took it back
   * @throws io.meltica.protocol.ReleaseRefusedException if it was already released, or {@code
   *     generation} is not its current one
   */
  public static boolean recycleToOrigin(Event event, long generation, RecycleReason reason) {
    if (event.origin() instanceof EventPool pool) {
      pool.recycler().recycle(event, generation, reason);
      return true;
    }
    return false;
  }

  /**
   * Returns the first {@code count} envelopes of {@code events} (the partials of a merge), each
   * held under the generation at the same index of {@code generations}, and clears those slots, so
   * that the caller's buffer keeps no reference to a released envelope. Every envelope is attempted
   * even if one of them is refused; the first refusal is rethrown.
   *
   * @throws IllegalStateException if any of them was refused
   */
  public void recycleMany(Event[] events, long[] generations, int count, RecycleReason reason) {
    RuntimeException failure = null;
    for (int i = 0; i < count; i++) {
      Event event = events[i];
      events[i] = null;
      try {
        recycle(event, generations[i], reason);
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Envelopes recycled for {@code reason}. */
  public long recycledCount(RecycleReason reason) {
    return counts[reason.ordinal()].sum();
  }

  /** Envelopes recycled for any reason. */
  public long recycledTotal() {
    long total = 0;
    for (LongAdder count : counts) {
      total += count.sum();
    }
    return total;
  }
}
