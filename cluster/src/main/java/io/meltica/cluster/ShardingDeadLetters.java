package io.meltica.cluster;

import io.meltica.pool.EventPool;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.supervision.DeadLetterContents;
import org.apache.pekko.Done;
import org.apache.pekko.actor.AllDeadLetters;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.Dropped;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;

/**
 * Recycles the envelopes that sharding gives up on: a shard region that hands a shard off drops the
 * messages it buffered for it ({@link Dropped}), Artery drops what its full send queue cannot take
 * on the way to another node's region, and a message to an unreachable region ends in dead letters
 * — each still wrapped in its {@link ShardingEnvelope}, which the pipeline's own dead-letter
 * recycler does not open. {@link DeadLetterContents} makes each drop count once. Only envelopes of
 * {@code pool} are recycled.
 *
 * <p>Lives as long as the ActorSystem: hand-offs happen while the node leaves, after the pipeline
 * may have stopped.
 */
final class ShardingDeadLetters {
  private ShardingDeadLetters() {}

  /**
   * @param ready told once the subscriptions are in place
   */
  static Behavior<Object> create(EventPool pool, ActorRef<Done> ready) {
    return Behaviors.setup(
        ctx -> {
          var stream = Adapter.toClassic(ctx.getSystem()).getEventStream();
          ActorRef<Object> self = ctx.getSelf();
          stream.subscribe(Adapter.toClassic(self), DeadLetter.class);
          stream.subscribe(Adapter.toClassic(self), Dropped.class);
          ready.tell(Done.getInstance());
          return Behaviors.receive(Object.class)
              .onMessage(AllDeadLetters.class, letter -> recycle(ctx, pool, letter))
              .build();
        });
  }

  private static Behavior<Object> recycle(
      ActorContext<Object> ctx, EventPool pool, AllDeadLetters letter) {
    if (DeadLetterContents.messageOf(letter) instanceof ShardingEnvelope<?> envelope
        && envelope.message() instanceof Event event
        && pool.owns(event)) {
      try {
        pool.recycler().recycle(event, RecycleReason.DEAD_LETTER);
      } catch (IllegalStateException alreadyReleased) {
        // a bug elsewhere, reported here; this actor keeps recycling the others
        ctx.getLog().error("a sharding dead letter held a released envelope", alreadyReleased);
      }
    }
    return Behaviors.same();
  }
}
