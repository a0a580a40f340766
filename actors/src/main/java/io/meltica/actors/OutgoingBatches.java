package io.meltica.actors;

import io.meltica.protocol.Event;
import io.meltica.protocol.EventBatch;
import java.util.Arrays;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The {@link EventBatch}es a pipeline actor is filling for the actors it sends to, one {@link Lane}
 * per destination. A batch leaves when it is full or on {@link #flush()}; the actor asks itself for
 * the flush with a message when {@link #append} says so (the first event since the previous flush),
 * and that message arrives after everything already in its mailbox: a busy actor sends one message
 * per destination per burst, an idle one sends each event at once.
 *
 * <p>Confined to the owning actor. Events in a waiting batch are still the owner's; whatever it
 * does besides forwarding events (control messages, its own stop) it does after a {@link #flush()},
 * so nothing overtakes an event.
 */
final class OutgoingBatches {

  /** One destination and the batch waiting for it (null when none). */
  static final class Lane {
    private final Consumer<? super EventBatch> to;
    private EventBatch pending;

    /** A lane whose batches are told to {@code to}. */
    Lane(ActorRef<? super EventBatch> to) {
      this.to = to::tell;
    }

    /** A lane whose batches are handed to {@code to} (a router's ingress, say). */
    Lane(Consumer<? super EventBatch> to) {
      this.to = to;
    }
  }

  private final BatchPool batches;
  private Lane[] waiting = new Lane[16];
  private int waitingCount;
  private boolean flushRequested;

  /**
   * @param batchSize most events in one batch
   */
  OutgoingBatches(int batchSize) {
    this.batches = new BatchPool(batchSize, 4096);
  }

  /**
   * Adds {@code event}, held at {@code generation}, to the lane's batch; sends the batch if that
   * filled it.
   *
   * @return true if the caller must now send itself the message that leads to {@link #flush()}
   */
  boolean append(Lane lane, Event event, long generation) {
    EventBatch batch = lane.pending;
    if (batch == null) {
      batch = batches.acquire();
      lane.pending = batch;
      if (waitingCount == waiting.length) {
        waiting = Arrays.copyOf(waiting, waitingCount * 2);
      }
      waiting[waitingCount++] = lane;
    }
    if (batch.add(event, generation)) {
      lane.pending = null;
      lane.to.accept(batch);
    }
    if (flushRequested) {
      return false;
    }
    flushRequested = true;
    return true;
  }

  /** Sends every waiting batch, in the order the batches were started. */
  void flush() {
    flushRequested = false;
    for (int i = 0; i < waitingCount; i++) {
      Lane lane = waiting[i];
      waiting[i] = null;
      EventBatch batch = lane.pending;
      if (batch != null) {
        lane.pending = null;
        lane.to.accept(batch);
      }
    }
    waitingCount = 0;
  }
}
