package io.meltica.supervision;

import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.EnvelopeCarrier;
import io.meltica.protocol.Event;
import org.apache.pekko.Done;
import org.apache.pekko.actor.AllDeadLetters;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.Dropped;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Recycles pooled envelopes that never reached a handler: messages to a consumer that stopped (its
 * mailbox is emptied into dead letters), to an overflowing bounded mailbox, or dropped by Pekko (a
 * shard region's buffer at a hand-off, Artery's full send queue to another node), and the envelopes
 * inside an {@link EnvelopeCarrier} (a data-bus batch) that did. It listens to {@link DeadLetter}
 * and {@link Dropped} on the system event stream; the message in them is the very envelope that was
 * sent ({@link DeadLetterContents} unwraps it, once per drop).
 *
 * <p>Only envelopes of its own pool are recycled, so several pipelines can share one ActorSystem.
 * To stop it without losing dead letters already queued, send {@link Drain}: it is handled after
 * them (a plain stop would turn them into dead letters once more).
 */
public final class DeadLetterRecycler extends AbstractBehavior<DeadLetterRecycler.Command> {

  /** Messages of the dead-letter recycler. */
  public sealed interface Command permits DeadLetterSeen, DroppedSeen, Drain {}

  /** A dead letter from the event stream. */
  public record DeadLetterSeen(DeadLetter deadLetter) implements Command {}

  /** A dropped message from the event stream. */
  public record DroppedSeen(Dropped dropped) implements Command {}

  /** Recycle what is queued, answer, and stop. */
  public record Drain(ActorRef<Done> replyTo) implements Command {}

  private final Recycler recycler;
  private final ActorRef<DeadLetter> deadLetters;
  private final ActorRef<Dropped> dropped;

  /**
   * @param ready told once the subscriptions are in place
   */
  public static Behavior<Command> create(Recycler recycler, ActorRef<Done> ready) {
    return Behaviors.setup(ctx -> new DeadLetterRecycler(ctx, recycler, ready));
  }

  private DeadLetterRecycler(ActorContext<Command> ctx, Recycler recycler, ActorRef<Done> ready) {
    super(ctx);
    this.recycler = recycler;
    this.deadLetters = ctx.messageAdapter(DeadLetter.class, DeadLetterSeen::new);
    this.dropped = ctx.messageAdapter(Dropped.class, DroppedSeen::new);
    eventStream().subscribe(Adapter.toClassic(deadLetters), DeadLetter.class);
    eventStream().subscribe(Adapter.toClassic(dropped), Dropped.class);
    ready.tell(Done.getInstance());
  }

  private org.apache.pekko.event.EventStream eventStream() {
    return Adapter.toClassic(getContext().getSystem()).getEventStream();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(DeadLetterSeen.class, seen -> recycle(seen.deadLetter()))
        .onMessage(DroppedSeen.class, seen -> recycle(seen.dropped()))
        .onMessage(Drain.class, this::onDrain)
        .build();
  }

  private Behavior<Command> recycle(AllDeadLetters letter) {
    Object message = DeadLetterContents.messageOf(letter);
    if (message instanceof Event event) {
      recycleEnvelope(event);
    } else if (message instanceof EnvelopeCarrier carrier) {
      carrier.drainEnvelopes(this::recycleEnvelope);
    }
    return this;
  }

  private void recycleEnvelope(Event event) {
    if (recycler.pool().owns(event)) {
      try {
        recycler.recycle(event, RecycleReason.DEAD_LETTER);
      } catch (IllegalStateException alreadyReleased) {
        // Someone released it before it became a dead letter: a bug there, reported here.
        getContext().getLog().error("dead letter held a released envelope", alreadyReleased);
      }
    }
  }

  private Behavior<Command> onDrain(Drain drain) {
    eventStream().unsubscribe(Adapter.toClassic(deadLetters));
    eventStream().unsubscribe(Adapter.toClassic(dropped));
    drain.replyTo().tell(Done.getInstance());
    return Behaviors.stopped();
  }
}
