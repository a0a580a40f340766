package io.meltica.actors;

import io.meltica.protocol.EventBatch;
import java.util.concurrent.atomic.LongAdder;
import org.jctools.queues.MpscArrayQueue;

/**
 * The router's reusable {@link EventBatch}es. The router {@link #acquire}s one per strategy per
 * burst; whoever empties it (the strategy's mailbox, which unpacks it on arrival, or the strategy)
 * gives it back from its own thread.
 *
 * <p>Concurrency: {@link #acquire} is called by the router only (the single strategy of the JCTools
 * MPSC free list); {@link EventBatch.Owner#takeBack} by any thread. An empty free list allocates a
 * new batch (counted), a full one leaves the batch to the GC; neither happens in a steady state,
 * where the batches in flight are at most one per strategy per burst.
 */
final class BatchPool implements EventBatch.Owner {
  private final MpscArrayQueue<EventBatch> free;
  private final int batchSize;
  private final LongAdder allocated = new LongAdder();

  /**
   * @param batchSize events per batch
   * @param kept most emptied batches kept for reuse
   */
  BatchPool(int batchSize, int kept) {
    this.batchSize = batchSize;
    this.free = new MpscArrayQueue<>(kept);
  }

  /** An empty batch: a reused one, or a new one if none is free. Router thread only. */
  EventBatch acquire() {
    EventBatch batch = free.relaxedPoll();
    if (batch == null) {
      allocated.increment();
      batch = new EventBatch(batchSize, this);
    }
    return batch;
  }

  @Override
  public void takeBack(EventBatch batch) {
    free.offer(batch);
  }

  /** Batches made so far: flat once the pipeline has warmed up. */
  long allocated() {
    return allocated.sum();
  }
}
