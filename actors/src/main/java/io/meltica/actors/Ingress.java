package io.meltica.actors;

import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.EnvelopeCarrier;
import io.meltica.protocol.Event;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A way in for {@link MelticaPipeline#publish}: publishers put events into a queue, and its actor
 * (a router, or the orchestrator for quotes to merge) takes them out in bursts. A publisher sends
 * the actor its drain message only when none is on its way, so a busy pipeline costs one Pekko
 * message per burst instead of one per event, and publishing allocates nothing of ours (JCTools'
 * unbounded MPSC queue reuses its chunks; the pool bounds how many envelopes can wait here).
 *
 * <p>Order: what leaves, leaves in the order it was put in. A routing flip or an adopted version
 * goes into every ingress of the pipeline as a marker, so the events a thread published before it
 * are stamped with the old version and those it publishes after it with the new one, as when each
 * event was its own message.
 *
 * <h2>Concurrency</h2>
 *
 * {@link #offer} from any thread; {@link #drain} and {@link #recycleAll} from one strategy at a
 * time: the actor, or after it stopped, whoever cleans up. The drain flag is cleared by the
 * strategy before it polls and set by a publisher after it offered (both atomic), so an event is
 * either seen by a drain in progress or followed by a new drain message: none is left behind.
 *
 * @param <M> the actor's message type: {@link Event}s and its markers
 */
final class Ingress<M> {
  private static final Logger LOG = LoggerFactory.getLogger(Ingress.class);
  private static final int CHUNK_SIZE = 1024;
  private static final int POOLED_CHUNKS = 4;

  private final MpscUnboundedXaddArrayQueue<M> queue =
      new MpscUnboundedXaddArrayQueue<>(CHUNK_SIZE, POOLED_CHUNKS);
  private final AtomicBoolean drainRequested = new AtomicBoolean();
  private volatile ActorRef<M> consumer;
  private volatile M drain;

  /** The actor to wake, and with what; set once, before the first {@link #offer}. */
  void attach(ActorRef<M> consumer, M drain) {
    this.drain = drain;
    this.consumer = consumer;
  }

  /** Publisher: hands over {@code message}; wakes the actor unless a wake-up is on its way. */
  void offer(M message) {
    queue.offer(message);
    requestDrain();
  }

  /**
   * Sends the actor its drain message unless one is already on its way; also used by the actor when
   * it leaves events for a later drain.
   */
  void requestDrain() {
    // Pairs with drainStarted(): whoever flips the flag from false sends the one wake-up.
    if (!drainRequested.get() && !drainRequested.getAndSet(true)) {
      consumer.tell(drain);
    }
  }

  /** Strategy: a drain begins; an event offered from now on sends a new wake-up. */
  private void drainStarted() {
    drainRequested.set(false);
  }

  /**
   * Strategy: hands {@code handler} what is waiting, at most {@code budget} messages, and asks for
   * another drain if it left some, so that the actor's other messages get their turn between
   * bursts.
   */
  void drain(int budget, Consumer<? super M> handler) {
    drainStarted();
    for (int left = budget; left > 0; left--) {
      M next = queue.poll();
      if (next == null) {
        return;
      }
      handler.accept(next);
    }
    requestDrain();
  }

  /**
   * Strategy: recycles every event left, those of batches included (the actor stopped: they are its
   * dead letters); a marker left here is dropped, and a flip's caller's ask times out, as for a
   * flip sent to a stopped actor.
   */
  void recycleAll(RecycleReason reason) {
    M message;
    while ((message = queue.poll()) != null) {
      if (message instanceof Event event) {
        recycle(event, reason);
      } else if (message instanceof EnvelopeCarrier carrier) { // a batch the orchestrator sent
        carrier.drainEnvelopes(event -> recycle(event, reason));
      }
    }
  }

  private static void recycle(Event event, RecycleReason reason) {
    try {
      Recycler.recycleToOrigin(event, event.generation(), reason);
    } catch (RuntimeException refused) { // a bug elsewhere: the others still go back
      LOG.error("an event left in the ingress was released elsewhere", refused);
    }
  }
}
