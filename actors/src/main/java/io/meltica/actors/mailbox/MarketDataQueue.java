package io.meltica.actors.mailbox;

import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventBatch;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.StrategyMessage;
import java.util.ArrayDeque;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.dispatch.ControlMessage;
import org.apache.pekko.dispatch.Envelope;
import org.apache.pekko.dispatch.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One strategy's queue (see {@link MarketDataMailbox}).
 *
 * <p>Order: control messages ({@link ControlMessage}, such as a new minimum routing version) first;
 * everything else in arrival order, so each instrument's events stay in order. A conflated quote
 * leaves its old place and takes the newest one, so it never overtakes an event that arrived before
 * it.
 *
 * <p>Ownership: a queued envelope belongs to the queue, which remembers the generation it arrived
 * with and recycles it with that generation when the policy drops or replaces it. Nothing is lost
 * silently: an envelope that arrives after {@link #cleanUp} (a send racing the strategy's stop) is
 * recycled at once, and one that cannot be classified (a corrupt envelope) is recycled as {@link
 * RecycleReason#PIPELINE_FAILURE} and logged; {@link #enqueue} never throws, since Pekko would
 * swallow the exception and the envelope with it.
 *
 * <p>Batches: an {@link EventBatch} from the router is unpacked on arrival, so that the policy sees
 * each event, and the router's batch goes back to its owner at once. {@link #dequeue} hands the
 * strategy every event queued in a row (up to the batch limit) in this queue's own batch, reused
 * for every dequeue: the strategy has emptied it before Pekko dequeues again. A control message
 * that arrives meanwhile is offered to the strategy between two events of that batch ({@link
 * #pollControl}), so it still overtakes queued market data.
 *
 * <p>Layout: a ring of entries (an event, whose generation is kept beside it, or the envelope of
 * any other message) indexed by an ever-growing sequence; a dropped or conflated entry becomes a
 * hole that {@link #dequeue} skips. The sequence of the queued conflatable entry of each
 * (instrument, kind, venue) is kept in {@link QueuedKeys}. The ring grows (doubling) only while
 * events pile up; in steady state nothing here allocates.
 *
 * <p>Concurrency: any thread may enqueue (the router, control senders), the actor's thread
 * dequeues; every method holds this queue's monitor. A dropped envelope is recycled through its own
 * pool's recycler, found through the envelope's origin.
 */
final class MarketDataQueue implements MessageQueue, ControlLane {
  private static final Logger LOG = LoggerFactory.getLogger(MarketDataQueue.class);

  private final MarketDataPolicy policy;
  private final int capacity;
  private final QueuedKeys queuedKeys;
  private final MailboxDrops drops;
  private final Runnable onClosed;
  private final ArrayDeque<Envelope> control = new ArrayDeque<>();
  private final EventBatch outgoing;
  private final ActorRef noSender;
  private final Envelope outgoingEnvelope;
  private Object[] ring = new Object[64];
  private long[] generations = new long[64];
  private long head;
  private long tail;
  private int live;
  private int marketData;

  /** No live market data sits before this sequence: where the search for the oldest starts. */
  private long oldestMarketDataFrom;

  /** Set by {@link #cleanUp}: the actor is gone; what arrives now goes to {@link #deadLetters}. */
  private boolean closed;

  private MessageQueue deadLetters;

  /** {@code control.size()}, readable without the monitor: checked between two events. */
  private volatile int controlQueued;

  /**
   * @param batchLimit most events one {@link #dequeue} hands the strategy
   * @param drops counts what the policy takes away
   * @param noSender the sender of the envelopes this queue makes (the system's dead letters: Pekko
   *     refuses a dead letter without a sender)
   * @param onClosed run once the queue is cleaned up (the mailbox leaves its registry)
   */
  MarketDataQueue(
      MarketDataPolicy policy,
      int capacity,
      int batchLimit,
      ConflationKeys keys,
      MailboxDrops drops,
      ActorRef noSender,
      Runnable onClosed) {
    this.outgoing = new EventBatch(batchLimit, emptied -> {}); // reused: nothing to give back
    this.noSender = noSender;
    this.outgoingEnvelope = Envelope.apply(outgoing, noSender);
    this.policy = policy;
    this.capacity = capacity;
    this.queuedKeys = new QueuedKeys(keys);
    this.drops = drops;
    this.onClosed = onClosed;
  }

  @Override
  public void enqueue(ActorRef receiver, Envelope handle) {
    Object message = handle.message();
    if (message instanceof EventBatch batch) {
      enqueueBatch(receiver, batch);
      return;
    }
    MessageQueue closedTo;
    synchronized (this) {
      if (!closed) {
        enqueueOpen(handle, message);
        return;
      }
      closedTo = deadLetters;
    }
    if (message instanceof Event event) {
      recycle(event, event.generation(), RecycleReason.DEAD_LETTER);
    } else {
      closedTo.enqueue(receiver, handle);
    }
  }

  /**
   * Queues each event of the router's batch by the policy, then gives the batch back; a batch its
   * sender revoked in transit is not ours to touch.
   */
  private void enqueueBatch(ActorRef receiver, EventBatch batch) {
    if (!batch.take()) {
      return;
    }
    boolean open;
    synchronized (this) {
      open = !closed;
      if (open) {
        for (int i = 0; i < batch.size(); i++) {
          enqueueEvent(batch.event(i), batch.generation(i));
        }
      }
    }
    if (!open) {
      for (int i = 0; i < batch.size(); i++) {
        recycle(batch.event(i), batch.generation(i), RecycleReason.DEAD_LETTER);
      }
    }
    batch.release();
  }

  private void enqueueOpen(Envelope handle, Object message) {
    if (message instanceof ControlMessage) {
      control.add(handle);
      controlQueued = control.size();
      return;
    }
    if (message instanceof Event event) {
      enqueueEvent(event, event.generation());
    } else {
      append(handle, 0, -1);
    }
  }

  private void enqueueEvent(Event event, long generation) {
    try {
      enqueueByPolicy(event, generation);
    } catch (RuntimeException corrupt) { // thrown before anything was queued
      LOG.error("a strategy mailbox could not queue {}; recycled", event, corrupt);
      recycle(event, generation, RecycleReason.PIPELINE_FAILURE);
    }
  }

  private void enqueueByPolicy(Event event, long generation) {
    EventKind kind = event.kind();
    if (kind.isCritical() || policy == MarketDataPolicy.UNBOUNDED) { // kind first: null throws here
      append(event, generation, -1);
      return;
    }
    switch (policy) {
      case CONFLATE -> {
        int key = queuedKeys.keyOf(event);
        if (key >= 0) {
          dropQueuedOfKey(key);
        }
        append(event, generation, key);
      }
      case DROP_NEWEST -> {
        if (marketData >= capacity) {
          drops.onOverflowed();
          recycle(event, generation, RecycleReason.MAILBOX_OVERFLOW);
        } else {
          append(event, generation, -1);
        }
      }
      default -> { // DROP_OLDEST
        if (marketData >= capacity) {
          dropOldestMarketData();
        }
        append(event, generation, -1);
      }
    }
  }

  /**
   * The next control message, else the next other message, else every event queued in a row (up to
   * the batch limit) in this queue's batch.
   */
  @Override
  public synchronized Envelope dequeue() {
    Envelope next = pollUnbatched();
    if (next != null || head == tail) {
      return next;
    }
    while (head < tail && !outgoing.isFull() && !(ring[index(head)] instanceof Envelope)) {
      long sequence = head++;
      int index = index(sequence);
      if (ring[index] instanceof Event event) {
        take(sequence);
        outgoing.add(event, generations[index]);
      }
    }
    return outgoingEnvelope;
  }

  /** A strategy's control message queued while it handles a batch; null if none. */
  @Override
  public StrategyMessage pollControl() {
    if (controlQueued == 0) {
      return null;
    }
    synchronized (this) {
      Envelope head = control.peek();
      if (head != null && head.message() instanceof StrategyMessage message) {
        pollControlEnvelope();
        return message;
      }
      return null;
    }
  }

  /**
   * The next control message, else the next message that is no event; null if the next entry is an
   * event or nothing is queued (then {@code head == tail}).
   */
  private Envelope pollUnbatched() {
    Envelope next = pollControlEnvelope();
    if (next != null) {
      return next;
    }
    skipHoles();
    if (head < tail && ring[index(head)] instanceof Envelope envelope) {
      take(head++);
      return envelope;
    }
    return null;
  }

  private Envelope pollControlEnvelope() {
    Envelope next = control.poll();
    if (next != null) {
      controlQueued = control.size();
    }
    return next;
  }

  private void skipHoles() {
    while (head < tail && ring[index(head)] == null) {
      head++;
    }
  }

  /** Takes the live entry at {@code sequence} out of the ring, keeping the counts. */
  private void take(long sequence) {
    int index = index(sequence);
    Object entry = ring[index];
    ring[index] = null;
    live--;
    if (isMarketData(entry)) {
      marketData--;
      queuedKeys.left((Event) entry, sequence);
    }
  }

  @Override
  public synchronized int numberOfMessages() {
    return control.size() + live;
  }

  @Override
  public synchronized boolean hasMessages() {
    return !control.isEmpty() || live > 0;
  }

  /**
   * The actor stopped: what is queued goes to dead letters, where it is recycled, and the queue
   * closes, so that a send still on its way is recycled on arrival instead of stranded here.
   */
  @Override
  public void cleanUp(ActorRef owner, MessageQueue deadLetters) {
    synchronized (this) {
      closed = true;
      this.deadLetters = deadLetters;
    }
    Envelope envelope;
    while ((envelope = pollForCleanUp()) != null) {
      deadLetters.enqueue(owner, envelope);
    }
    onClosed.run();
  }

  /**
   * Like {@link #dequeue}, one message at a time, except that a queued event goes straight back to
   * its pool ({@code dead_letter}) rather than to dead letters: at a node's last stop its
   * strategies may stop after the dead-letter recycler did, and an event sent there would be lost
   * to the pool. Returns the next other message, null once nothing is left.
   */
  private synchronized Envelope pollForCleanUp() {
    while (true) {
      Envelope next = pollUnbatched();
      if (next != null || head == tail) {
        return next;
      }
      long sequence = head++;
      Object entry = ring[index(sequence)];
      long generation = generations[index(sequence)];
      take(sequence);
      recycle((Event) entry, generation, RecycleReason.DEAD_LETTER);
    }
  }

  /** Appends an event (with the generation it arrived with) or another message's envelope. */
  private void append(Object entry, long generation, int key) {
    if (tail - head == ring.length) {
      grow();
    }
    long sequence = tail++;
    int index = index(sequence);
    ring[index] = entry;
    generations[index] = generation;
    live++;
    if (isMarketData(entry)) {
      marketData++;
    }
    if (key >= 0) {
      queuedKeys.queued(key, sequence);
    }
  }

  private void dropQueuedOfKey(int key) {
    long sequence = queuedKeys.sequenceOf(key);
    if (sequence >= head && sequence < tail && ring[index(sequence)] != null) {
      drops.onConflated();
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
      if (isMarketData(ring[index(sequence)])) {
        drops.onOverflowed();
        removeAt(sequence, RecycleReason.MAILBOX_OVERFLOW);
        oldestMarketDataFrom = sequence + 1;
        return;
      }
    }
  }

  private void removeAt(long sequence, RecycleReason reason) {
    int index = index(sequence);
    Event event = (Event) ring[index];
    ring[index] = null;
    live--;
    marketData--;
    queuedKeys.left(event, sequence);
    recycle(event, generations[index], reason);
  }

  private static boolean isMarketData(Object entry) {
    return entry instanceof Event event && event.kind().isMarketData();
  }

  /** Recycles an envelope the queue holds; a refusal (a bug elsewhere) is logged, never thrown. */
  private static void recycle(Event event, long generation, RecycleReason reason) {
    try {
      Recycler.recycleToOrigin(event, generation, reason);
    } catch (RuntimeException refused) {
      LOG.error("a strategy mailbox held an envelope released elsewhere", refused);
    }
  }

  private int index(long sequence) {
    return (int) (sequence & (ring.length - 1));
  }

  private void grow() {
    Object[] grownRing = new Object[ring.length * 2];
    long[] grownGenerations = new long[ring.length * 2];
    for (long sequence = head; sequence < tail; sequence++) {
      int to = (int) (sequence & (grownRing.length - 1));
      grownRing[to] = ring[index(sequence)];
      grownGenerations[to] = generations[index(sequence)];
    }
    ring = grownRing;
    generations = grownGenerations;
  }
}
