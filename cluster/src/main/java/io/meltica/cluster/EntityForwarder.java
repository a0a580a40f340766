package io.meltica.cluster;

import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventBatch;
import io.meltica.protocol.StrategyMessage;
import io.meltica.protocol.UpdateMinVersion;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * This node's stand-in for one strategy entity, subscribed to the local router in its place: market
 * data and control messages go to the entity directly (at most once, wherever it runs; an event
 * bound for another node is serialized and its envelope recycled there), critical events go through
 * the {@link CriticalSender} (at least once).
 *
 * <p>Once the node starts leaving ({@link StopMarketData}), market data is recycled here instead: a
 * shard region that is handing off or shutting down buffers what it is sent and may stop with the
 * buffer full, taking pooled envelopes with it. Critical events still go out: they travel as bytes
 * and cost the pool nothing.
 *
 * <p>A router's batch goes to the entity as one message: its critical events are taken out for the
 * {@link CriticalSender}, and the market data left in it, in order, is sent on as the batch itself.
 * To an entity on another node that is one Artery message per batch instead of one per event
 * ({@link io.meltica.cluster.wire.EventSerializer} writes the batch whole).
 *
 * <p>One per strategy per node; it keeps no state but its mode, so it needs no supervision.
 */
final class EntityForwarder {

  /** Stop sending market data to the entity; answers once in force. */
  record StopMarketData(ActorRef<Done> replyTo) implements StrategyMessage {}

  private EntityForwarder() {}

  static Behavior<StrategyMessage> create(
      String entityId,
      EntityRef<StrategyMessage> entity,
      ActorRef<CriticalSender.Command> criticalSender) {
    return forwarding(entityId, entity, criticalSender, true);
  }

  private static Behavior<StrategyMessage> forwarding(
      String entityId,
      EntityRef<StrategyMessage> entity,
      ActorRef<CriticalSender.Command> criticalSender,
      boolean marketData) {
    return Behaviors.receive(StrategyMessage.class)
        .onMessage(
            Event.class,
            event -> {
              forward(event, entityId, entity, criticalSender, marketData);
              return Behaviors.same();
            })
        .onMessage(
            EventBatch.class,
            batch -> {
              forwardBatch(batch, entityId, entity, criticalSender, marketData);
              return Behaviors.same();
            })
        .onMessage(
            UpdateMinVersion.class,
            update -> {
              entity.tell(update);
              return Behaviors.same();
            })
        .onMessage(
            StopMarketData.class,
            stop -> {
              stop.replyTo().tell(Done.getInstance());
              return forwarding(entityId, entity, criticalSender, false);
            })
        .build();
  }

  /**
   * Takes the critical events out of the batch (and the market data too once the node leaves) and
   * sends what is left, still in order, on as one message.
   */
  private static void forwardBatch(
      EventBatch batch,
      String entityId,
      EntityRef<StrategyMessage> entity,
      ActorRef<CriticalSender.Command> criticalSender,
      boolean marketData) {
    int kept = 0;
    for (int i = 0; i < batch.size(); i++) {
      Event event = batch.event(i);
      if (marketData && !event.kind().isCritical()) {
        batch.move(i, kept++);
      } else {
        forward(event, entityId, entity, criticalSender, marketData);
      }
    }
    batch.truncate(kept);
    if (kept == 0) {
      batch.release();
    } else {
      entity.tell(batch);
    }
  }

  /** Sends one event on: each goes its own way (critical, market data, recycled). */
  private static void forward(
      Event event,
      String entityId,
      EntityRef<StrategyMessage> entity,
      ActorRef<CriticalSender.Command> criticalSender,
      boolean marketData) {
    if (event.kind().isCritical()) {
      criticalSender.tell(new CriticalSender.Send(entityId, event));
    } else if (marketData) {
      entity.tell(event);
    } else {
      Recycler.recycleToOrigin(event, event.generation(), RecycleReason.SHUTDOWN);
    }
  }
}
