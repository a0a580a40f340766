package io.meltica.bench.latency;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Tells which subscriber finished an event last, without allocating: a ring of slots, each holding
 * an event's sequence number and how many tracked subscribers have yet to finish it.
 *
 * <h2>Concurrency</h2>
 *
 * The publisher {@link #open}s a slot before it publishes the event (the publish is the
 * happens-before edge to the subscribers); subscribers {@link #complete} it with a CAS, and the one
 * that takes the count to zero is told it was last. A slot is reused after {@code size} events: a
 * slot still open then belongs to an event some subscriber never finished (a mailbox dropped it),
 * which the publisher counts as {@link #abandoned()}; a late completion of that event sees another
 * sequence and is ignored.
 */
final class CompletionTracker {
  private static final int COUNT_BITS = 8;
  private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

  /** Most tracked subscribers per event. */
  static final int MAX_TRACKED = (int) COUNT_MASK;

  private final AtomicLongArray slots;
  private final int mask;
  private long abandoned;

  /**
   * @param size slots in the ring, a power of two larger than the events that can be in flight
   */
  CompletionTracker(int size) {
    if (Integer.bitCount(size) != 1) {
      throw new IllegalArgumentException("size must be a power of two, got " + size);
    }
    this.slots = new AtomicLongArray(size);
    this.mask = size - 1;
  }

  /** Publisher: {@code tracked} subscribers will complete event {@code sequence}. */
  void open(long sequence, int tracked) {
    if (tracked < 1 || tracked > MAX_TRACKED) {
      throw new IllegalArgumentException("tracked subscribers must be 1.." + MAX_TRACKED);
    }
    int index = (int) (sequence & mask);
    if ((slots.get(index) & COUNT_MASK) != 0) {
      abandoned++;
    }
    slots.set(index, sequence << COUNT_BITS | tracked);
  }

  /** Subscriber: finished event {@code sequence}; true if it was the last tracked one. */
  boolean complete(long sequence) {
    int index = (int) (sequence & mask);
    while (true) {
      long slot = slots.get(index);
      if (slot >>> COUNT_BITS != sequence || (slot & COUNT_MASK) == 0) {
        return false;
      }
      if (slots.compareAndSet(index, slot, slot - 1)) {
        return ((slot - 1) & COUNT_MASK) == 0;
      }
    }
  }

  /** Events whose slot was reused before every tracked subscriber finished. Publisher only. */
  long abandoned() {
    return abandoned;
  }

  /** Events still waiting for a tracked subscriber now; scans the ring. */
  long open() {
    long open = 0;
    for (int i = 0; i < slots.length(); i++) {
      if ((slots.get(i) & COUNT_MASK) != 0) {
        open++;
      }
    }
    return open;
  }
}
