package io.meltica.actors;

import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.Event;
import io.meltica.protocol.FlipRouting;
import io.meltica.protocol.OrchestratorMessage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorRef;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way in for {@link MelticaPipeline#publish}: publishers put events into one queue, and the
 * orchestrator takes them out in bursts. A publisher sends the orchestrator a {@link
 * Orchestrator.Drain} only when none is on its way, so a busy pipeline costs one Pekko message per
 * burst instead of one per event, and publishing allocates nothing of ours (JCTools' unbounded MPSC
 * queue reuses its chunks; the pool bounds how many envelopes can wait here).
 *
 * <p>Order: what leaves, leaves in the order it was put in. A routing flip requested through the
 * pipeline goes into the same queue ({@link FlipRouting}), so the events a thread published before
 * it are stamped with the old version and those it publishes after it with the new one, as when
 * each event was its own message.
 *
 * <h2>Concurrency</h2>
 *
 * {@link #offer} from any thread; {@link #poll}, {@link #drainStarted} and {@link #recycleAll} from
 * one consumer at a time: the orchestrator, or after it stopped, whoever cleans up. The drain flag
 * is cleared by the consumer before it polls and set by a publisher after it offered (both atomic),
 * so an event is either seen by a drain in progress or followed by a new {@code Drain} message:
 * none is left behind.
 */
final class Ingress {
  private static final Logger LOG = LoggerFactory.getLogger(Ingress.class);
  private static final int CHUNK_SIZE = 1024;
  private static final int POOLED_CHUNKS = 4;

  private final MpscUnboundedXaddArrayQueue<OrchestratorMessage> queue =
      new MpscUnboundedXaddArrayQueue<>(CHUNK_SIZE, POOLED_CHUNKS);
  private final AtomicBoolean drainRequested = new AtomicBoolean();
  private volatile ActorRef<OrchestratorMessage> orchestrator;

  /** The orchestrator to wake; set once, before the first {@link #offer}. */
  void attach(ActorRef<OrchestratorMessage> orchestrator) {
    this.orchestrator = orchestrator;
  }

  /**
   * Publisher: hands over {@code message}, an {@link Event} or a {@link FlipRouting}; wakes the
   * orchestrator unless a wake-up is on its way.
   */
  void offer(OrchestratorMessage message) {
    queue.offer(message);
    requestDrain();
  }

  /**
   * Sends the orchestrator a {@link Orchestrator.Drain} unless one is already on its way; also used
   * by the orchestrator when it leaves events for a later drain.
   */
  void requestDrain() {
    // Pairs with drainStarted(): whoever flips the flag from false sends the one wake-up.
    if (!drainRequested.get() && !drainRequested.getAndSet(true)) {
      orchestrator.tell(Orchestrator.Drain.INSTANCE);
    }
  }

  /** Consumer: a drain begins; an event offered from now on sends a new wake-up. */
  void drainStarted() {
    drainRequested.set(false);
  }

  /** Consumer: the next message, or null if none is waiting. */
  OrchestratorMessage poll() {
    return queue.poll();
  }

  /**
   * Consumer: recycles every event left (the orchestrator stopped: they are its dead letters); a
   * flip left here is dropped, and its caller's ask times out, as for a flip sent to a stopped
   * actor.
   */
  void recycleAll(RecycleReason reason) {
    OrchestratorMessage message;
    while ((message = queue.poll()) != null) {
      if (message instanceof Event event) {
        try {
          Recycler.recycleToOrigin(event, event.generation(), reason);
        } catch (RuntimeException refused) { // a bug elsewhere: the others still go back
          LOG.error("an event left in the ingress was released elsewhere", refused);
        }
      }
    }
  }
}
