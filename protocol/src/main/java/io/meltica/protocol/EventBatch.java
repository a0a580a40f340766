package io.meltica.protocol;

import java.util.Arrays;
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
    owner.takeBack(this);
  }

  @Override
  public void drainEnvelopes(Consumer<Event> sink) {
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
