package io.meltica.pool;

import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import java.util.concurrent.atomic.LongAdder;

/**
 * The single way back into the {@link EventPool}: every path an envelope can end on (handled,
 * filtered, undeliverable, merged, dead letter, overflow, shutdown) calls one of these methods with
 * its {@link RecycleReason}, and each reason has its own counter.
 *
 * <h2>Concurrency</h2>
 *
 * Thread-safe; any consumer thread may call it. Counters are {@link LongAdder}s incremented only
 * after the pool accepted the release, so a double release (which throws) is not counted. No method
 * allocates.
 */
public final class Recycler {
  private static final RecycleReason[] REASONS = RecycleReason.values();

  private final EventPool pool;
  private final LongAdder[] counts = new LongAdder[REASONS.length];

  public Recycler(EventPool pool) {
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
   * Returns {@code event} to the pool. The caller must not touch it afterwards.
   *
   * @throws IllegalStateException if it was already released
   */
  public void recycle(Event event, RecycleReason reason) {
    pool.release(event, reason.name());
    counts[reason.ordinal()].increment();
  }

  /**
   * Returns a consolidated quote to the pool.
   *
   * @throws IllegalArgumentException if {@code merged} is not a CONSOLIDATED_QUOTE (a partial
   *     recycled as if merged would hide a bookkeeping bug)
   * @throws IllegalStateException if it was already released
   */
  public void recycleMerged(Event merged, RecycleReason reason) {
    if (merged.kind() != EventKind.CONSOLIDATED_QUOTE) {
      throw new IllegalArgumentException(
          "recycleMerged expects a CONSOLIDATED_QUOTE, got " + merged.kind());
    }
    recycle(merged, reason);
  }

  /**
   * Returns the first {@code count} envelopes of {@code events} (the partials of a merge) and
   * clears those slots, so that the caller's buffer keeps no reference to a released envelope.
   * Every envelope is attempted even if one of them throws; the first failure is rethrown.
   *
   * @throws IllegalStateException if any of them was already released
   */
  public void recycleMany(Event[] events, int count, RecycleReason reason) {
    IllegalStateException failure = null;
    for (int i = 0; i < count; i++) {
      Event event = events[i];
      events[i] = null;
      try {
        recycle(event, reason);
      } catch (IllegalStateException e) {
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
