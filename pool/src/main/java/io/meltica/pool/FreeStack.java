package io.meltica.pool;

import io.meltica.protocol.Event;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pool's free envelopes, last in first out: the envelope released most recently is the next one
 * handed out, so the envelopes in circulation stay few and warm in the caches. A first-in-first-out
 * ring hands out the envelope that waited longest: with 65,536 of them, every acquire touched an
 * envelope (and a ring slot) that had left every cache long ago, which cost the fan-out a tenth of
 * its throughput (docs/performance.md).
 *
 * <p>A Treiber stack over fixed slots, one per envelope the pool made ({@link Event#poolSlot()}):
 * {@code next} links the free slots and {@code top} holds the top slot in its low 32 bits and a
 * version in its high 32 bits that every push and pop raises, so that a pop whose top slot was
 * popped and pushed back meanwhile (the ABA case) fails its CAS and retries instead of linking a
 * stale successor. An envelope without a slot (a miss, allocated beyond the capacity) is not taken.
 *
 * <h2>Concurrency</h2>
 *
 * Lock-free; any thread may push and pop. A push writes its slot's link and then publishes it with
 * the CAS on {@code top}; a pop reads {@code top} before the link, so it sees the link of the push
 * that made its slot the top. A pop may read a link that another thread is rewriting (its slot was
 * popped and pushed again meanwhile), but then the version has moved and its CAS fails. A slot must
 * not be pushed while it is free: the pool pushes an envelope only after its release CAS succeeded,
 * which happens once per hand-out.
 */
final class FreeStack implements FreeList {
  private static final int EMPTY = -1;
  private static final long SLOT_MASK = 0xFFFF_FFFFL;

  private final Event[] slots;
  private final int[] next;
  private final AtomicLong top = new AtomicLong(SLOT_MASK & EMPTY);

  /** A stack for {@code capacity} slots, all empty: {@link #fill} them. */
  FreeStack(int capacity) {
    this.slots = new Event[capacity];
    this.next = new int[capacity];
  }

  /** Puts {@code envelope} in its slot and on the stack; before the pool is shared. */
  @Override
  public void fill(Event envelope) {
    slots[envelope.poolSlot()] = envelope;
    give(envelope);
  }

  /** The most recently given envelope, or null if none is free. */
  @Override
  public Event take() {
    long current;
    int slot;
    do {
      current = top.get();
      slot = (int) current;
      if (slot == EMPTY) {
        return null;
      }
    } while (!top.compareAndSet(current, versioned(current, next[slot])));
    return slots[slot];
  }

  /**
   * Puts {@code envelope} on top.
   *
   * @return false if it has no slot (a miss's envelope), which the caller leaves to the garbage
   *     collector
   */
  @Override
  public boolean give(Event envelope) {
    int slot = envelope.poolSlot();
    if (slot < 0) {
      return false;
    }
    long current;
    do {
      current = top.get();
      next[slot] = (int) current;
    } while (!top.compareAndSet(current, versioned(current, slot)));
    return true;
  }

  /** {@code slot} as the new top, with the version after {@code current}'s. */
  private static long versioned(long current, int slot) {
    return (((current >>> 32) + 1) << 32) | (slot & SLOT_MASK);
  }
}
