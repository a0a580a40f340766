package io.meltica.cluster;

import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventBatch;
import io.meltica.protocol.StrategyMessage;
import io.meltica.protocol.UpdateMinVersion;
import java.time.Duration;
import java.util.function.IntFunction;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * This node's stand-in for one strategy entity, subscribed to the local router in its place: market
 * data and control messages go to the entity directly (at most once, wherever it runs; an event
 * bound for another node is serialized and its envelope recycled there), critical events go through
 * the {@link CriticalSender} (at least once).
 *
 * <p>Market data always goes as a batch {@link EventBatch#sendInTransit in transit}, one Artery
 * message per batch to an entity on another node ({@link io.meltica.cluster.wire.EventSerializer}
 * writes the batch whole). A batch nobody received within {@code transitTimeout} (stuck in a shard
 * region that is handing off, or dropped by Artery without a trace when the connection to a crashed
 * node fails) is taken back and its events recycled ({@link RecycleReason#TRANSIT_TIMEOUT}): market
 * data that late is worthless, and the pool must not lose the envelopes.
 *
 * <p>Once the node starts leaving ({@link StopMarketData}), market data is recycled here instead: a
 * shard region that is handing off or shutting down buffers what it is sent and may stop with the
 * buffer full. Critical events still go out: they travel as bytes and cost the pool nothing.
 *
 * <p>One per strategy per node. If it stops, what it has in transit is taken back.
 */
final class EntityForwarder extends AbstractBehavior<StrategyMessage> {

  /** Stop sending market data to the entity; answers once in force. */
  record StopMarketData(ActorRef<Done> replyTo) implements StrategyMessage {}

  private enum RevokeOverdue implements StrategyMessage {
    INSTANCE
  }

  private final String entityId;
  private final EntityRef<StrategyMessage> entity;
  private final ActorRef<CriticalSender.Command> criticalSender;
  private final IntFunction<EventBatch> batches;
  private final long transitTimeoutNanos;
  private final TransitLedger inTransit = new TransitLedger();
  private boolean marketData = true;

  /**
   * @param batches an empty batch for at least that many events (for market data that comes alone)
   * @param transitTimeout how long a batch may go unreceived before its events are taken back
   */
  static Behavior<StrategyMessage> create(
      String entityId,
      EntityRef<StrategyMessage> entity,
      ActorRef<CriticalSender.Command> criticalSender,
      IntFunction<EventBatch> batches,
      Duration transitTimeout) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(
                      RevokeOverdue.INSTANCE, transitTimeout.dividedBy(5));
                  return new EntityForwarder(
                      ctx, entityId, entity, criticalSender, batches, transitTimeout);
                }));
  }

  private EntityForwarder(
      ActorContext<StrategyMessage> ctx,
      String entityId,
      EntityRef<StrategyMessage> entity,
      ActorRef<CriticalSender.Command> criticalSender,
      IntFunction<EventBatch> batches,
      Duration transitTimeout) {
    super(ctx);
    this.entityId = entityId;
    this.entity = entity;
    this.criticalSender = criticalSender;
    this.batches = batches;
    this.transitTimeoutNanos = transitTimeout.toNanos();
  }

  @Override
  public Receive<StrategyMessage> createReceive() {
    return newReceiveBuilder()
        .onMessage(Event.class, this::onEvent)
        .onMessage(EventBatch.class, this::onBatch)
        .onMessage(
            UpdateMinVersion.class,
            update -> {
              entity.tell(update);
              return this;
            })
        .onMessage(
            StopMarketData.class,
            stop -> {
              marketData = false;
              stop.replyTo().tell(Done.getInstance());
              return this;
            })
        .onMessageEquals(RevokeOverdue.INSTANCE, this::onRevokeOverdue)
        .onSignal(PostStop.class, stopped -> onStop())
        .build();
  }

  private Behavior<StrategyMessage> onEvent(Event event) {
    if (marketData && !event.kind().isCritical()) {
      EventBatch alone = batches.apply(1);
      alone.add(event, event.generation());
      sendInTransit(alone);
    } else {
      forwardOutOfBand(event);
    }
    return this;
  }

  /**
   * Takes the critical events out of the batch (and the market data too once the node leaves) and
   * sends what is left, still in order, on as one message.
   */
  private Behavior<StrategyMessage> onBatch(EventBatch batch) {
    int kept = 0;
    for (int i = 0; i < batch.size(); i++) {
      Event event = batch.event(i);
      if (marketData && !event.kind().isCritical()) {
        batch.move(i, kept++);
      } else {
        forwardOutOfBand(event);
      }
    }
    batch.truncate(kept);
    if (kept == 0) {
      batch.release();
    } else {
      sendInTransit(batch);
    }
    return this;
  }

  private void sendInTransit(EventBatch batch) {
    long stamp = batch.sendInTransit();
    inTransit.sent(batch, stamp, System.nanoTime());
    entity.tell(batch);
  }

  /** A critical event goes at least once; market data while the node leaves is recycled here. */
  private void forwardOutOfBand(Event event) {
    if (event.kind().isCritical()) {
      criticalSender.tell(new CriticalSender.Send(entityId, event));
    } else {
      Recycler.recycleToOrigin(event, event.generation(), RecycleReason.SHUTDOWN);
    }
  }

  private Behavior<StrategyMessage> onRevokeOverdue() {
    int revoked = inTransit.revokeOverdue(System.nanoTime(), transitTimeoutNanos);
    if (revoked > 0) {
      getContext()
          .getLog()
          .warn(
              "took back {} market-data event(s) for {} not received within {} ms (recycled as"
                  + " transit_timeout)",
              revoked,
              entityId,
              transitTimeoutNanos / 1_000_000);
    }
    return this;
  }

  private Behavior<StrategyMessage> onStop() {
    inTransit.revokeAll();
    return this;
  }
}
