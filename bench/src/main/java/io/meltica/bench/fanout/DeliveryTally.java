package io.meltica.bench.fanout;

/**
 * The trivial handler every fan-out implementation runs: reads one value of the delivered message,
 * counts the delivery, and tells the {@link BatchBarrier} when its subscriber has seen a whole
 * batch.
 *
 * <p>One tally per subscriber, called by one subscriber at a time: an actor (Pekko orders its
 * messages with a happens-before edge, whichever thread runs it) or a Disruptor handler thread. So
 * the counters are plain fields; they are read by other threads only through {@link #seen()} once
 * the barrier has been passed.
 */
public final class DeliveryTally {
  private final BatchBarrier barrier;
  private final long batchSize;
  private long seen;
  private long checksum;

  /**
   * @param batchSize events per batch: every {@code batchSize}-th delivery arrives at the barrier
   */
  public DeliveryTally(BatchBarrier barrier, long batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    this.barrier = barrier;
    this.batchSize = batchSize;
  }

  /** One delivery carrying {@code value}. */
  public void onDelivery(long value) {
    checksum += value;
    if (++seen % batchSize == 0) {
      barrier.arrive();
    }
  }

  /** Deliveries so far. */
  public long seen() {
    return seen;
  }

  /** Sum of the delivered values, so that the read of each message cannot be optimised away. */
  public long checksum() {
    return checksum;
  }
}
