package io.meltica.pool;

import io.meltica.protocol.Event;
import io.meltica.protocol.ReleaseRefusedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded pool of {@link Event} envelopes.
 *
 * <p>{@link #acquire} never blocks: it takes a free envelope, or allocates one and counts a miss,
 * so publishing never waits on the pool. Envelopes come back only through the {@link Recycler}
 * ({@link #release} is package-private; an ArchUnit rule checks the rest), each with the generation
 * its holder received: a double, stale or foreign release is refused, counted and thrown, and
 * changes nothing else. Every envelope the pool made up front has a place to come back to; only an
 * envelope beyond the capacity (one a miss allocated) is left to the garbage collector, and
 * counted. By default the last envelope back is the first out again ({@link FreeStack}), so the
 * envelopes in circulation stay warm in the caches; in debug mode the first back is the first out
 * ({@link FreeQueue}), so a released envelope stays poisoned as long as possible ({@link
 * PoolConfig#lastReleasedFirst()}).
 *
 * <h2>Accounting</h2>
 *
 * Acquired, released and in use are three counters kept apart, and the {@link Recycler} keeps one
 * count per {@link RecycleReason}; at any quiet moment acquired = released + in use and the reasons
 * add up to released. {@link #unaccountedCount()} is how far they are from that.
 *
 * <h2>Concurrency</h2>
 *
 * Thread-safe and lock-free: any thread may acquire (the ingest side, the router making duplicates)
 * and any thread may release (strategies). Free envelopes sit in a {@link FreeList}, whose
 * give/take pair is the release/acquire edge that hands a reset envelope to its next owner. The
 * in-use count is an {@link AtomicLong} so that it is exact when the system is idle; the peak is
 * raised with a CAS only when exceeded. The other counters are {@link LongAdder}s, cheap to
 * increment from many threads. No method allocates on the hot path except {@link #acquire} on a
 * miss, and in debug mode (a stack trace per acquisition).
 */
public final class EventPool {
  private final int capacity;
  private final boolean debug;
  private final boolean acquisitionStacks;
  private final FreeList free;
  private final LongAdder acquired = new LongAdder();
  private final LongAdder released = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder droppedOnRelease = new LongAdder();
  private final LongAdder doubleReleases = new LongAdder();
  private final LongAdder staleReleases = new LongAdder();
  private final LongAdder foreignReleases = new LongAdder();
  private final AtomicLong inUse = new AtomicLong();
  private final AtomicLong peakInUse = new AtomicLong();

  /** The pool's own recycler, the only one: the per-reason counts must add up to released. */
  private final Recycler recycler;

  /** Debug mode only: every envelope this pool made, so a leak report can list the live ones. */
  private final Queue<Event> created;

  public EventPool(PoolConfig config) {
    this.capacity = roundedUp(config.capacity());
    this.debug = config.debug();
    this.free = FreeList.of(capacity, config.lastReleasedFirst());
    this.acquisitionStacks = config.acquisitionStacks();
    this.created = debug ? new ConcurrentLinkedQueue<>() : null;
    for (int slot = 0; slot < capacity; slot++) {
      free.fill(newEnvelope(slot));
    }
    this.recycler = new Recycler(this);
  }

  /**
   * The recycler of this pool, the only way back into it. Components that find an envelope by
   * itself (a mailbox, a dead letter) reach it through the envelope's origin.
   */
  public Recycler recycler() {
    return recycler;
  }

  /** Takes an envelope for an unnamed owner; see {@link #acquire(String)}. */
  public Event acquire() {
    return acquire("unnamed");
  }

  /**
   * Takes a cleared envelope, or allocates one if the pool is empty (a miss). Never blocks. The
   * caller is the owner of the envelope's new {@link Event#generation()} and releases with it.
   *
   * @param owner names the new owner in leak reports and misuse messages; pass a constant
   */
  public Event acquire(String owner) {
    Event event = free.take();
    if (event == null) {
      misses.increment();
      event = newEnvelope(-1);
    }
    event.markAcquired(owner);
    acquired.increment();
    long now = inUse.incrementAndGet();
    long peak = peakInUse.get();
    while (now > peak && !peakInUse.compareAndSet(peak, now)) {
      peak = peakInUse.get();
    }
    return event;
  }

  /**
   * Takes an envelope back from the holder of {@code generation}, or, for a shared envelope that
   * other holders still hold, only counts this holder off. Only the {@link Recycler} calls this.
   *
   * @return true if the envelope came back (the last or only holder released it)
   * @throws io.meltica.protocol.ReleaseRefusedException if the envelope was already released or
   *     {@code generation} is not its current one (counted as a double or a stale release)
   * @throws IllegalArgumentException if this pool did not make it (another pool's, or a standalone
   *     envelope that was never acquired; counted as foreign)
   */
  boolean release(Event event, long generation, String by) {
    if (!owns(event)) {
      foreignReleases.increment();
      throw new IllegalArgumentException(
          (event.origin() == null
                  ? "standalone envelope (made by no pool) released into a pool"
                  : "envelope of another pool released into this one")
              + ": generation "
              + generation
              + ", last owner '"
              + event.lastOwner()
              + "', released by "
              + by);
    }
    try {
      if (!event.markReleased(generation, by)) {
        return false;
      }
    } catch (ReleaseRefusedException refused) {
      (refused.isStale() ? staleReleases : doubleReleases).increment();
      throw refused;
    }
    inUse.decrementAndGet();
    released.increment();
    if (!free.give(event)) { // a miss's envelope: beyond the capacity
      droppedOnRelease.increment();
      if (debug) {
        created.remove(event); // O(n), debug only: keeps the leak list from growing with misses
      }
    }
    return true;
  }

  /** Whether this pool made {@code event}: true for every envelope it handed out. */
  public boolean owns(Event event) {
    return event.origin() == this;
  }

  /** A new envelope for {@code slot} (-1: a miss, beyond the capacity). */
  private Event newEnvelope(int slot) {
    Event event = Event.forPool(debug, acquisitionStacks, this, slot);
    if (debug) {
      created.add(event);
    }
    return event;
  }

  /** {@code capacity} rounded up to a power of two, at least 2: what the pool has always kept. */
  private static int roundedUp(int capacity) {
    int atLeastTwo = Math.max(2, capacity);
    int highest = Integer.highestOneBit(atLeastTwo);
    return highest == atLeastTwo ? highest : highest << 1;
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

  /** Envelopes handed out, ever, misses included. */
  public long acquiredCount() {
    return acquired.sum();
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

  /** Releases refused because the envelope was already released under that generation. */
  public long doubleReleaseCount() {
    return doubleReleases.sum();
  }

  /**
   * Releases refused because the holder's generation was not the envelope's current one: the
   * envelope had gone back and out again, and the release would have freed the next owner's.
   */
  public long staleReleaseCount() {
    return staleReleases.sum();
  }

  /** Releases refused because this pool did not make the envelope. */
  public long foreignReleaseCount() {
    return foreignReleases.sum();
  }

  /** Every refused release: double, stale and foreign. A correct program has none. */
  public long refusedReleaseCount() {
    return doubleReleaseCount() + staleReleaseCount() + foreignReleaseCount();
  }

  /**
   * How far the counters are from adding up: |acquired - released - in use| plus |released - the
   * sum of the recycler's per-reason counts|. Zero at every quiet moment; while envelopes move it
   * can be off by the releases in progress.
   */
  public long unaccountedCount() {
    long releasedNow = released.sum();
    return Math.abs(acquired.sum() - releasedNow - inUse.get())
        + Math.abs(releasedNow - recycler.recycledTotal());
  }

  /**
   * The one check that whoever used this pool gave every envelope back.
   *
   * @param holder who is checked, for the message ("the pipeline", "node 1", ...)
   * @throws IllegalStateException if an envelope is out: "{@code holder} left N envelopes in use"
   *     and the {@link #leakReport() leak report}
   */
  public void requireIdle(String holder) {
    long out = inUse();
    if (out != 0) {
      throw new IllegalStateException(
          holder + " left " + out + " envelopes in use: " + leakReport());
    }
  }

  /**
   * The envelopes that are out now. In debug mode each one comes with the owner that acquired it,
   * the owner it was last handed to, its fields and, with acquisition stacks on, the stack of its
   * acquisition; otherwise only the count is known.
   */
  public LeakReport leakReport() {
    List<LeakReport.Outstanding> outstanding = new ArrayList<>();
    if (debug) {
      for (Event event : created) {
        if (event.isLive()) {
          outstanding.add(
              new LeakReport.Outstanding(
                  event.generation(),
                  event.acquiredBy(),
                  event.lastOwner(),
                  describe(event),
                  event.acquiredAt()));
        }
      }
    }
    return new LeakReport(inUse(), outstanding);
  }

  /** The envelope's fields, for a report: its owner may release it while they are read. */
  private static String describe(Event event) {
    try {
      return event.toString();
    } catch (IllegalStateException releasedMeanwhile) {
      return "(released while the report was taken)";
    }
  }
}
