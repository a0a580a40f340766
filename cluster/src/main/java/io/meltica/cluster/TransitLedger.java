package io.meltica.cluster;

import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.EventBatch;

/**
 * The batches a forwarder sent towards its entity that nobody has received yet, oldest first, so
 * that it can take back the events of one that is stuck or lost (Artery drops the message it holds
 * in its handshake stage, without a dead letter, when the connection to a crashed node fails).
 *
 * <p>A ring of parallel arrays, grown by doubling when full (only while a batch at its head stays
 * in transit); entries whose batch was received are dropped from the head as sends go by, so in
 * steady state it holds the handful of batches in flight and allocates nothing.
 *
 * <p>Confined to its forwarder.
 */
final class TransitLedger {
  private EventBatch[] batches = new EventBatch[64];
  private long[] stamps = new long[64];
  private long[] sentAtNanos = new long[64];
  private int head;
  private int size;

  /** Records {@code batch}, just marked with {@code stamp} and sent. */
  void sent(EventBatch batch, long stamp, long nowNanos) {
    dropReceived();
    if (size == batches.length) {
      grow();
    }
    int at = (head + size) & (batches.length - 1);
    batches[at] = batch;
    stamps[at] = stamp;
    sentAtNanos[at] = nowNanos;
    size++;
  }

  /**
   * Takes back every batch still in transit that was sent at least {@code timeoutNanos} ago and
   * recycles its events ({@link RecycleReason#TRANSIT_TIMEOUT}); returns how many events that was.
   */
  int revokeOverdue(long nowNanos, long timeoutNanos) {
    return revoke(nowNanos, timeoutNanos, false);
  }

  /** Takes back every batch still in transit (the forwarder stops); returns the events recycled. */
  int revokeAll() {
    return revoke(0, 0, true);
  }

  private int revoke(long nowNanos, long timeoutNanos, boolean all) {
    int events = 0;
    while (size > 0) {
      EventBatch batch = batches[head];
      long stamp = stamps[head];
      if (batch.isInTransit(stamp)) {
        if (!all && nowNanos - sentAtNanos[head] < timeoutNanos) {
          break;
        }
        if (batch.revoke(stamp)) {
          events += recycleEvents(batch);
        }
      }
      pop();
    }
    return events;
  }

  int size() {
    return size;
  }

  /** Recycles the events of a batch its caller revoked; returns how many. */
  static int recycleEvents(EventBatch revoked) {
    for (int i = 0; i < revoked.size(); i++) {
      Recycler.recycleToOrigin(
          revoked.event(i), revoked.generation(i), RecycleReason.TRANSIT_TIMEOUT);
    }
    return revoked.size();
  }

  private void dropReceived() {
    while (size > 0 && !batches[head].isInTransit(stamps[head])) {
      pop();
    }
  }

  private void pop() {
    batches[head] = null;
    head = (head + 1) & (batches.length - 1);
    size--;
  }

  private void grow() {
    int capacity = batches.length;
    EventBatch[] movedBatches = new EventBatch[capacity * 2];
    long[] movedStamps = new long[capacity * 2];
    long[] movedSentAt = new long[capacity * 2];
    for (int i = 0; i < size; i++) {
      int from = (head + i) & (capacity - 1);
      movedBatches[i] = batches[from];
      movedStamps[i] = stamps[from];
      movedSentAt[i] = sentAtNanos[from];
    }
    batches = movedBatches;
    stamps = movedStamps;
    sentAtNanos = movedSentAt;
    head = 0;
  }
}
