package io.meltica.supervision;

import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.EnvelopeCarrier;
import io.meltica.protocol.Event;
import io.meltica.protocol.ReleaseRefusedException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.AllDeadLetters;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.Dropped;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Recycles pooled envelopes that never reached a handler: messages to a strategy that stopped (its
 * mailbox is emptied into dead letters), to an overflowing bounded mailbox, or dropped by Pekko (a
 * shard region's buffer at a hand-off, Artery's full send queue to another node), and the envelopes
 * inside an {@link EnvelopeCarrier} (a data-bus batch) that did. It listens to {@link DeadLetter}
 * and {@link Dropped} on the system event stream; the message in them is the very envelope that was
 * sent. {@link DeadLetterContents} unwraps it and picks, by the report's type and recipient, the
 * one report per drop to act on (Artery reports some drops twice), always the last report of its
 * message, so an envelope is never recycled on a stale report after another owner took it.
 *
 * <p>Only envelopes of its own pool are recycled, so several pipelines can share one ActorSystem.
 * Each is released with the generation it has when it is unwrapped: the message held it until then,
 * so a refusal means somebody released it after sending it (a bug there, counted by the pool and
 * logged here).
 *
 * <p>It subscribes while it starts, so the answer to a first {@link Drain} means it listens. {@link
 * Drain} is answered once every dead letter queued before it is recycled; the recycler stays
 * subscribed afterwards, so an envelope that becomes a dead letter late (sent by a stream or
 * another node to an actor of a stopped pipeline) is still taken back, until the ActorSystem
 * terminates or the recycler is stopped. {@link #create} supervises it: a failure on one dead
 * letter is logged and it goes on.
 */
public final class DeadLetterRecycler extends AbstractBehavior<DeadLetterRecycler.Command> {

  /** Messages of the dead-letter recycler. */
  public sealed interface Command permits DeadLetterSeen, DroppedSeen, Drain {}

  /** A dead letter from the event stream. */
  public record DeadLetterSeen(DeadLetter deadLetter) implements Command {}

  /** A dropped message from the event stream. */
  public record DroppedSeen(Dropped dropped) implements Command {}

  /** Answer once everything queued before this is recycled; the recycler goes on listening. */
  public record Drain(ActorRef<Done> replyTo) implements Command {}

  private final Recycler recycler;

  public static Behavior<Command> create(Recycler recycler) {
    return Behaviors.<Command>supervise(
            Behaviors.setup(ctx -> new DeadLetterRecycler(ctx, recycler)))
        .onFailure(Exception.class, SupervisorStrategy.resume());
  }

  private DeadLetterRecycler(ActorContext<Command> ctx, Recycler recycler) {
    super(ctx);
    this.recycler = recycler;
    // Pekko's event stream unsubscribes the adapters when this actor stops.
    ActorRef<DeadLetter> deadLetters = ctx.messageAdapter(DeadLetter.class, DeadLetterSeen::new);
    ActorRef<Dropped> dropped = ctx.messageAdapter(Dropped.class, DroppedSeen::new);
    eventStream().subscribe(Adapter.toClassic(deadLetters), DeadLetter.class);
    eventStream().subscribe(Adapter.toClassic(dropped), Dropped.class); // synchronous
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
        recycler.recycle(event, event.generation(), RecycleReason.DEAD_LETTER);
      } catch (ReleaseRefusedException refused) {
        // Someone released it after sending it: a bug there, counted by the pool, logged here.
        getContext().getLog().error("dead letter held an envelope released elsewhere", refused);
      }
    }
  }

  private Behavior<Command> onDrain(Drain drain) {
    drain.replyTo().tell(Done.getInstance());
    return this;
  }
}
