package io.meltica.cluster;

import io.meltica.pool.EventPool;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import org.apache.pekko.Done;
import org.apache.pekko.actor.AllDeadLetters;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.Dropped;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;

/**
 * Recycles the envelopes that sharding gives up on: a shard region that hands a shard off drops the
 * messages it buffered for it ({@link Dropped}), and a message to an unreachable region ends in
 * dead letters — each still wrapped in its {@link ShardingEnvelope}, which the pipeline's own
 * dead-letter recycler does not open. Only envelopes of {@code pool} are recycled.
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
              .onMessage(DeadLetter.class, dead -> recycle(pool, dead.message()))
              .onMessage(Dropped.class, dropped -> recycle(pool, dropped.message()))
              .build();
        });
  }

  private static Behavior<Object> recycle(EventPool pool, Object message) {
    Object inner = message;
    // A region's drop reaches the event stream as DeadLetter(Dropped(ShardingEnvelope(event))):
    // the dead-letters ref wraps whatever it is sent, a Dropped included.
    while (inner instanceof AllDeadLetters letter) {
      inner = letter.message();
    }
    if (inner instanceof ShardingEnvelope<?> envelope
        && envelope.message() instanceof Event event
        && pool.owns(event)) {
      pool.recycler().recycle(event, RecycleReason.DEAD_LETTER);
    }
    return Behaviors.same();
  }
}
