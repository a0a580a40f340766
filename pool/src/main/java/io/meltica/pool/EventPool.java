package io.meltica.pool;

import io.meltica.protocol.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jctools.queues.MpmcArrayQueue;

/**
 * A bounded pool of {@link Event} envelopes.
 *
 * <p>{@link #acquire} never blocks: it takes a free envelope, or allocates one and counts a miss,
 * so publishing never waits on the pool. Envelopes come back only through the {@link Recycler}
 * ({@link #release} is package-private; an ArchUnit rule checks the rest). A release that finds the
 * pool full leaves the envelope to the garbage collector and counts it.
 *
 * <h2>Concurrency</h2>
 *
 * Thread-safe and lock-free: any thread may acquire (the ingest side, the router making duplicates)
 * and any thread may release (consumers). Free envelopes sit in a JCTools {@link MpmcArrayQueue};
 * its offer/poll pair is the release/acquire edge that hands a reset envelope to its next owner.
 * The in-use count is an {@link AtomicLong} so that it is exact when the system is idle; the peak
 * is raised with a CAS only when exceeded; the acquired count is derived from it. The other
 * counters are {@link LongAdder}s, cheap to increment from many threads. No method allocates on the
 * hot path except {@link #acquire} on a miss, and in debug mode (a stack trace per acquisition).
 */
public final class EventPool {
  private final int capacity;
  private final boolean debug;
  private final boolean acquisitionStacks;
  private final MpmcArrayQueue<Event> free;
  private final LongAdder released = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder droppedOnRelease = new LongAdder();
  private final LongAdder doubleReleases = new LongAdder();
  private final AtomicLong inUse = new AtomicLong();
  private final AtomicLong peakInUse = new AtomicLong();

  /** The pool's own recycler: every component that returns envelopes should share it. */
  private final Recycler recycler;

  /** Debug mode only: every envelope this pool made, so a leak report can list the live ones. */
  private final Queue<Event> created;

  public EventPool(PoolConfig config) {
    this.free = new MpmcArrayQueue<>(Math.max(2, config.capacity())); // the ring needs >= 2
    this.capacity = free.capacity();
    this.debug = config.debug();
    this.acquisitionStacks = config.acquisitionStacks();
    this.created = debug ? new ConcurrentLinkedQueue<>() : null;
    for (int i = 0; i < capacity; i++) {
      free.offer(newEnvelope());
    }
    this.recycler = new Recycler(this);
  }

  /**
   * The recycler of this pool, the one its counters per reason are kept in. Components that find an
   * envelope by itself (a mailbox, a dead letter) reach it through the envelope's origin.
   */
  public Recycler recycler() {
    return recycler;
  }

  /** Takes an envelope for an unnamed owner; see {@link #acquire(String)}. */
  public Event acquire() {
    return acquire("unnamed");
  }

  /**
   * Takes a cleared envelope, or allocates one if the pool is empty (a miss). Never blocks.
   *
   * @param owner names the new owner in leak reports and misuse messages; pass a constant
   */
  public Event acquire(String owner) {
    Event event = free.relaxedPoll();
    if (event == null) {
      event = free.poll();
      if (event == null) {
        misses.increment();
        event = newEnvelope();
      }
    }
    event.markAcquired(owner);
    long now = inUse.incrementAndGet();
    long peak = peakInUse.get();
    while (now > peak && !peakInUse.compareAndSet(peak, now)) {
      peak = peakInUse.get();
    }
    return event;
  }

  /**
   * Takes an envelope back. Only the {@link Recycler} calls this.
   *
   * @throws IllegalStateException if the envelope was already released
   * @throws IllegalArgumentException if another pool made it
   */
  void release(Event event, String by) {
    if (!owns(event) && event.origin() != null) {
      throw new IllegalArgumentException(
          "envelope of another pool released into this one (last owner '"
              + event.lastOwner()
              + "')");
    }
    try {
      event.markReleased(by);
    } catch (IllegalStateException twice) {
      doubleReleases.increment();
      throw twice;
    }
    inUse.decrementAndGet();
    released.increment();
    if (!free.relaxedOffer(event)) {
      droppedOnRelease.increment();
      if (debug) {
        created.remove(event); // O(n), debug only: keeps the leak list from growing with misses
      }
    }
  }

  /** Whether this pool made {@code event}: true for every envelope it handed out. */
  public boolean owns(Event event) {
    return event.origin() == this;
  }

  private Event newEnvelope() {
    Event event = Event.forPool(debug, acquisitionStacks, this);
    if (debug) {
      created.add(event);
    }
    return event;
  }

  /**
   * Envelopes the pool keeps: the configured capacity rounded up to a power of two (at least 2).
   */
  public int capacity() {
    return capacity;
  }

  /** Whether released envelopes are poisoned and every access is checked. */
  public boolean isDebug() {
    return debug;
  }

  /** Envelopes handed out and not yet released; exact when no thread is acquiring or releasing. */
  public long inUse() {
    return inUse.get();
  }

  /** The most envelopes ever out at once. */
  public long peakInUse() {
    return peakInUse.get();
  }

  /** In use divided by capacity; above 1 when misses have been allocated. */
  public double utilization() {
    return (double) inUse.get() / capacity;
  }

  /** Peak in use divided by capacity. */
  public double peakUtilization() {
    return (double) peakInUse.get() / capacity;
  }

  /**
   * Envelopes handed out, ever: released plus in use (no counter of its own, which would be one
   * more write shared between threads on every acquisition); exact when the pool is idle.
   */
  public long acquiredCount() {
    return released.sum() + inUse.get();
  }

  public long releasedCount() {
    return released.sum();
  }

  /** Acquisitions that found the pool empty and allocated. */
  public long missCount() {
    return misses.sum();
  }

  /** Releases that found the pool full and left the envelope to the garbage collector. */
  public long droppedOnReleaseCount() {
    return droppedOnRelease.sum();
  }

  /** Releases refused because the envelope was already released (misuse caught). */
  public long doubleReleaseCount() {
    return doubleReleases.sum();
  }

  /**
   * The envelopes that are out now. In debug mode each one comes with the owner that acquired it,
   * the owner it was last handed to and, with acquisition stacks on, the stack of its acquisition;
   * otherwise only the count is known.
   */
  public LeakReport leakReport() {
    List<LeakReport.Outstanding> outstanding = new ArrayList<>();
    if (debug) {
      for (Event event : created) {
        if (event.isLive()) {
          outstanding.add(
              new LeakReport.Outstanding(
                  event.generation(), event.acquiredBy(), event.lastOwner(), event.acquiredAt()));
        }
      }
    }
    return new LeakReport(inUse(), outstanding);
  }
}
