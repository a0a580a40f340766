package io.meltica.actors;

import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the receiver of an {@link EventBatch} does with envelopes it will not hand on: an event
 * released elsewhere since it was batched (refused and counted by its pool, a bug there), and the
 * rest of a batch its receiver cannot finish (it stopped, or a fatal error escaped). Never throws:
 * the other envelopes of the batch still go back.
 */
final class BatchRemainder {
  private static final Logger LOG = LoggerFactory.getLogger(BatchRemainder.class);

  private BatchRemainder() {}

  /** True if the event at {@code index} is still held at the generation it was batched with. */
  static boolean isHeld(EventBatch batch, int index) {
    return batch.event(index).isLiveAt(batch.generation(index));
  }

  /**
   * Offers the pool the stale release of the event at {@code index}, which it refuses and counts.
   */
  static void refuse(EventBatch batch, int index) {
    recycle(batch.event(index), batch.generation(index), RecycleReason.PIPELINE_FAILURE);
  }

  /** Recycles the events from {@code from} on, each with the generation it was batched with. */
  static void recycleFrom(EventBatch batch, int from, RecycleReason reason) {
    for (int i = from; i < batch.size(); i++) {
      recycle(batch.event(i), batch.generation(i), reason);
    }
  }

  private static void recycle(Event event, long generation, RecycleReason reason) {
    try {
      Recycler.recycleToOrigin(event, generation, reason);
    } catch (RuntimeException refused) {
      LOG.error("a batch held an envelope released elsewhere", refused);
    }
  }
}
