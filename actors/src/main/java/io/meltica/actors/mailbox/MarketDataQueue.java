package io.meltica.actors.mailbox;

import io.meltica.pool.EventPool;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.dispatch.ControlMessage;
import org.apache.pekko.dispatch.Envelope;
import org.apache.pekko.dispatch.MessageQueue;

/**
 * One strategy's queue (see {@link MarketDataMailbox}).
 *
 * <p>Order: control messages ({@link ControlMessage}, such as a new minimum routing version) first;
 * everything else in arrival order, so each instrument's events stay in order. A conflated quote
 * leaves its old place and takes the newest one, so it never overtakes an event that arrived before
 * it.
 *
 * <p>Layout: a ring of envelopes indexed by an ever-growing sequence; a dropped or conflated entry
 * becomes a hole that {@link #dequeue} skips. The sequence of the queued conflatable entry of each
 * (instrument, kind, venue) is kept in an array, so conflating costs no search and no allocation.
 * The ring grows (doubling) only when critical events pile up; in steady state nothing here
 * allocates.
 *
 * <p>Concurrency: any thread may enqueue (the router, control senders), the actor's thread
 * dequeues; every method holds this queue's monitor. A dropped envelope is recycled through its own
 * pool's recycler, found through the envelope's origin.
 */
final class MarketDataQueue implements MessageQueue {
  private static final int KINDS = EventKind.values().length;
  private static final int VENUE_SLOTS = 32;
  private static final int KEY_STRIDE = KINDS * VENUE_SLOTS;

  private final MarketDataPolicy policy;
  private final int capacity;
  private final ArrayDeque<Envelope> control = new ArrayDeque<>();
  private Envelope[] ring = new Envelope[64];
  private long head;
  private long tail;
  private int live;
  private int marketData;

  /** No live market data sits before this sequence: where the search for the oldest starts. */
  private long oldestMarketDataFrom;

  private long[] queuedSequenceOfKey = new long[0];

  MarketDataQueue(MarketDataPolicy policy, int capacity) {
    this.policy = policy;
    this.capacity = capacity;
  }

  @Override
  public synchronized void enqueue(ActorRef receiver, Envelope handle) {
    Object message = handle.message();
    if (message instanceof ControlMessage) {
      control.add(handle);
      return;
    }
    if (!(message instanceof Event event)
        || policy == MarketDataPolicy.UNBOUNDED
        || !event.kind().isMarketData()) {
      append(handle, -1);
      return;
    }
    if (policy == MarketDataPolicy.DROP_NEWEST && marketData >= capacity) {
      recycle(event, RecycleReason.MAILBOX_OVERFLOW);
      return;
    }
    int key = policy == MarketDataPolicy.CONFLATE ? conflationKey(event) : -1;
    if (key >= 0) {
      dropQueuedOfKey(key);
    }
    if (marketData >= capacity) {
      dropOldestMarketData();
    }
    append(handle, key);
  }

  @Override
  public synchronized Envelope dequeue() {
    Envelope next = control.poll();
    if (next != null) {
      return next;
    }
    while (head < tail) {
      int index = index(head);
      Envelope envelope = ring[index];
      ring[index] = null;
      long sequence = head++;
      if (envelope != null) {
        live--;
        if (isMarketData(envelope)) {
          marketData--;
          forgetKey((Event) envelope.message(), sequence);
        }
        return envelope;
      }
    }
    return null;
  }

  @Override
  public synchronized int numberOfMessages() {
    return control.size() + live;
  }

  @Override
  public synchronized boolean hasMessages() {
    return !control.isEmpty() || live > 0;
  }

  /** The actor stopped: what is queued goes to dead letters, where it is recycled. */
  @Override
  public void cleanUp(ActorRef owner, MessageQueue deadLetters) {
    Envelope envelope;
    while ((envelope = dequeue()) != null) {
      deadLetters.enqueue(owner, envelope);
    }
  }

  private void append(Envelope handle, int key) {
    if (tail - head == ring.length) {
      grow();
    }
    long sequence = tail++;
    ring[index(sequence)] = handle;
    live++;
    if (isMarketData(handle)) {
      marketData++;
    }
    if (key >= 0) {
      queuedSequenceOfKey[key] = sequence;
    }
  }

  /** The slot of a conflatable event's (instrument, kind, venue), or -1 if it is not one. */
  private int conflationKey(Event event) {
    EventKind kind = event.kind();
    boolean conflatable =
        kind == EventKind.QUOTE
            || kind == EventKind.BOOK_SNAPSHOT
            || kind == EventKind.CONSOLIDATED_QUOTE;
    int instrument = event.instrumentId();
    if (!conflatable || instrument < 0) {
      return -1;
    }
    int venue = Math.min(Math.max(event.venueId(), 0), VENUE_SLOTS - 1);
    int key = instrument * KEY_STRIDE + kind.ordinal() * VENUE_SLOTS + venue;
    if (key >= queuedSequenceOfKey.length) {
      int size = Math.max(key + 1, queuedSequenceOfKey.length * 2);
      long[] grown = Arrays.copyOf(queuedSequenceOfKey, size);
      Arrays.fill(grown, queuedSequenceOfKey.length, size, -1L);
      queuedSequenceOfKey = grown;
    }
    return key;
  }

  private void dropQueuedOfKey(int key) {
    long sequence = queuedSequenceOfKey[key];
    if (sequence >= head && sequence < tail && ring[index(sequence)] != null) {
      removeAt(sequence, RecycleReason.CONFLATED);
    }
  }

  /**
   * Drops the oldest queued market data. The search starts after the previous one dropped: without
   * that, a slow strategy's queue fills with holes at its front and every enqueue walks them (the
   * router slowed to a crawl in the routing-flip suite).
   */
  private void dropOldestMarketData() {
    for (long sequence = Math.max(head, oldestMarketDataFrom); sequence < tail; sequence++) {
      Envelope envelope = ring[index(sequence)];
      if (envelope != null && isMarketData(envelope)) {
        removeAt(sequence, RecycleReason.MAILBOX_OVERFLOW);
        oldestMarketDataFrom = sequence + 1;
        return;
      }
    }
  }

  private void removeAt(long sequence, RecycleReason reason) {
    int index = index(sequence);
    Event event = (Event) ring[index].message();
    ring[index] = null;
    live--;
    marketData--;
    forgetKey(event, sequence);
    recycle(event, reason);
  }

  /** The entry at {@code sequence} left the queue: its key no longer points at it. */
  private void forgetKey(Event event, long sequence) {
    int key = policy == MarketDataPolicy.CONFLATE ? conflationKey(event) : -1;
    if (key >= 0 && queuedSequenceOfKey[key] == sequence) {
      queuedSequenceOfKey[key] = -1;
    }
  }

  private boolean isMarketData(Envelope envelope) {
    return policy != MarketDataPolicy.UNBOUNDED
        && envelope.message() instanceof Event event
        && event.kind().isMarketData();
  }

  private static void recycle(Event event, RecycleReason reason) {
    if (event.origin() instanceof EventPool pool) {
      pool.recycler().recycle(event, reason);
    }
  }

  private int index(long sequence) {
    return (int) (sequence & (ring.length - 1));
  }

  private void grow() {
    Envelope[] grown = new Envelope[ring.length * 2];
    for (long sequence = head; sequence < tail; sequence++) {
      grown[(int) (sequence & (grown.length - 1))] = ring[index(sequence)];
    }
    ring = grown;
  }
}
