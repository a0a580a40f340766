package io.meltica.protocol;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Several pooled {@link Event}s for one strategy in one message, in the order the strategy must
 * handle them, each with the generation its holder received (so that whoever releases it can prove
 * it still holds it). The orchestrator sends the router one batch per burst, and the router one
 * batch per strategy per burst, instead of one message per event; each event of a batch is handled
 * as if it had come alone, and a strategy's are each recycled after their own handler.
 *
 * <p>A batch is itself reused: the holder of a batch also holds its events until it hands them on
 * or releases them, and gives the emptied batch back to its {@link Owner} with {@link #release}.
 * Like an envelope, it has one holder at a time and is handed over by sending it; the message send
 * orders the sender's writes before the receiver's reads. Not thread-safe.
 *
 * <p>If a batch ends as a dead letter, the dead-letter recycler takes its events back through
 * {@link EnvelopeCarrier}.
 *
 * <p><b>In transit.</b> A batch sent where it may vanish without a trace (a cluster entity's shard
 * region, Artery's send queues and handshake, which drop a message without a dead letter when a
 * connection to a crashed node fails) is {@link #sendInTransit marked} by its sender. Exactly one
 * of two parties then gets its events: whoever receives it first ({@link #take}: the strategy's
 * mailbox, the serializer, the dead-letter recycler) or the sender's reaper after a timeout ({@link
 * #revoke}). A revoked batch belongs to nobody: it is never given back to its owner (a late
 * receiver may still hold it) and is left to the garbage collector. The state is one atomic word,
 * so the two parties may race from any threads.
 */
public final class EventBatch implements StrategyMessage, RouterMessage, EnvelopeCarrier {

  /** Where an emptied batch goes back to; may be called from any thread. */
  @FunctionalInterface
  public interface Owner {
    void takeBack(EventBatch batch);
  }

  private final Event[] events;
  private final long[] generations;
  private final Owner owner;
  private int size;

  /** {@code stamp << 2 | state}: the stamp of the last transit, so that a reused batch is new. */
  private final AtomicLong transit = new AtomicLong();

  private long transitSinceNanos;

  private static final long HELD = 0;
  private static final long IN_TRANSIT = 1;
  private static final long TAKEN = 2;
  private static final long REVOKED = 3;
  private static final long STATE = 3;

  /**
   * @param capacity most events the batch holds
   * @param owner takes the batch back on {@link #release}
   */
  public EventBatch(int capacity, Owner owner) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a batch holds at least one event, got " + capacity);
    }
    this.events = new Event[capacity];
    this.generations = new long[capacity];
    this.owner = owner;
  }

  /**
   * Appends {@code event}, held at {@code generation}; true if the batch is now full.
   *
   * @throws IllegalStateException if it was full already
   */
  public boolean add(Event event, long generation) {
    if (size == events.length) {
      throw new IllegalStateException("batch full at " + size + " events");
    }
    events[size] = event;
    generations[size] = generation;
    return ++size == events.length;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public boolean isFull() {
    return size == events.length;
  }

  public int capacity() {
    return events.length;
  }

  /** The event at {@code index}, in handling order. */
  public Event event(int index) {
    return events[index];
  }

  /** The generation the holder received the event at {@code index} with. */
  public long generation(int index) {
    return generations[index];
  }

  /**
   * Moves the event at {@code from}, with its generation, to {@code to} (at most {@code from}), so
   * that a holder can keep some of a batch's events in order and {@link #truncate} the rest.
   */
  public void move(int from, int to) {
    if (to > from || from >= size) {
      throw new IndexOutOfBoundsException("move " + from + " -> " + to + " of " + size);
    }
    events[to] = events[from];
    generations[to] = generations[from];
  }

  /** Keeps the first {@code newSize} events and forgets the others (handed on or released). */
  public void truncate(int newSize) {
    if (newSize < 0 || newSize > size) {
      throw new IndexOutOfBoundsException("truncate to " + newSize + " of " + size);
    }
    Arrays.fill(events, newSize, size, null);
    size = newSize;
  }

  /** Forgets the events (their holder has handed them on or released them). */
  public void clear() {
    Arrays.fill(events, 0, size, null);
    size = 0;
  }

  /** Forgets the events and gives the batch back to its owner; the caller no longer holds it. */
  public void release() {
    clear();
    transit.set(transit.get() & ~STATE); // held by nobody in transit: the next send is a new one
    owner.takeBack(this);
  }

  /**
   * Marks the batch as sent on a path that may lose it; returns the stamp its sender {@link
   * #revoke}s it by. Call before sending.
   */
  public long sendInTransit() {
    long stamp = (transit.get() >>> 2) + 1;
    transitSinceNanos = System.nanoTime(); // published by the volatile write below
    transit.set(stamp << 2 | IN_TRANSIT);
    return stamp;
  }

  /** The stamp of the transit the batch is on now; -1 if it is not in transit. Any thread. */
  public long currentTransit() {
    long now = transit.get();
    return (now & STATE) == IN_TRANSIT ? now >>> 2 : -1;
  }

  /**
   * When the current transit began ({@link System#nanoTime}); read after {@link #currentTransit}.
   */
  public long transitSinceNanos() {
    return transitSinceNanos;
  }

  /**
   * The receiver of the batch takes it: true if it now holds the events (always, for a batch not in
   * transit); false if its sender revoked it, and then the caller holds nothing, not even the
   * batch, and must neither touch the events nor release it.
   */
  public boolean take() {
    long now = transit.get();
    if ((now & STATE) == IN_TRANSIT) {
      return transit.compareAndSet(now, (now & ~STATE) | TAKEN);
    }
    return (now & STATE) != REVOKED;
  }

  /**
   * The sender takes the events of transit {@code stamp} back, if nobody received it yet: true if
   * it now holds them (it recycles them; the batch itself is abandoned).
   */
  public boolean revoke(long stamp) {
    return transit.compareAndSet(stamp << 2 | IN_TRANSIT, stamp << 2 | REVOKED);
  }

  /** Whether transit {@code stamp} is still on its way: neither received nor revoked. */
  public boolean isInTransit(long stamp) {
    return transit.get() == (stamp << 2 | IN_TRANSIT);
  }

  /** Hands the events to {@code sink} unless the batch was revoked in transit (then none). */
  @Override
  public void drainEnvelopes(Consumer<Event> sink) {
    if (!take()) {
      return;
    }
    int count = size;
    size = 0;
    for (int i = 0; i < count; i++) {
      Event event = events[i];
      events[i] = null;
      sink.accept(event);
    }
  }

  @Override
  public String toString() {
    return "EventBatch[" + size + " events]";
  }
}
