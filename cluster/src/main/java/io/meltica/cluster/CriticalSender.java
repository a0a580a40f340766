package io.meltica.cluster;

import io.meltica.cluster.wire.EventWireFormat;
import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.Event;
import io.meltica.protocol.StrategyMessage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * At-least-once delivery of critical events from this node to strategy entities anywhere in the
 * cluster: each event is encoded once, numbered per entity, sent, and sent again until the entity
 * acknowledges it. An entity that moved (rebalance, a node that left) is started afresh by the
 * re-sent message; the {@link CriticalInbox} in front of it drops duplicates.
 *
 * <p>Market data does not come here: it goes to the entity directly, at most once (a stale price is
 * worthless). The pooled envelope of a critical event goes back to the pool as soon as it is
 * encoded (RecycleReason SENT_TO_NODE); the bytes are what is kept and re-sent.
 *
 * <p>Unacknowledged events live in this actor's memory: they survive entities moving and receiving
 * nodes failing, not this node failing.
 */
public final class CriticalSender extends AbstractBehavior<CriticalSender.Command> {

  /** Messages of the critical sender. */
  public sealed interface Command permits Send, Ack, ResendTick {}

  /** Deliver {@code event} (a critical event, owned by the message) to entity {@code entityId}. */
  public record Send(String entityId, Event event) implements Command {}

  /** The entity handled {@code seq} of {@code producerId}. */
  public record Ack(String entityId, String producerId, long seq)
      implements Command, ClusterMessage {}

  private enum ResendTick implements Command {
    INSTANCE
  }

  private final String producerId;
  private final Function<String, EntityRef<StrategyMessage>> entities;
  private final Duration resendAfter;
  private final CriticalStats stats;
  private final Map<String, Outbox> outboxes = new HashMap<>();

  /**
   * @param producerId this node's incarnation, unique in the cluster's lifetime
   * @param entities the entity ref of a strategy name
   * @param resendAfter how long an unacknowledged event waits before it is sent again
   */
  public static Behavior<Command> create(
      String producerId,
      Function<String, EntityRef<StrategyMessage>> entities,
      Duration resendAfter,
      CriticalStats stats) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(ResendTick.INSTANCE, resendAfter.dividedBy(2));
                  return new CriticalSender(ctx, producerId, entities, resendAfter, stats);
                }));
  }

  private CriticalSender(
      ActorContext<Command> ctx,
      String producerId,
      Function<String, EntityRef<StrategyMessage>> entities,
      Duration resendAfter,
      CriticalStats stats) {
    super(ctx);
    this.producerId = producerId;
    this.entities = entities;
    this.resendAfter = resendAfter;
    this.stats = stats;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Send.class, this::onSend)
        .onMessage(Ack.class, this::onAck)
        .onMessageEquals(ResendTick.INSTANCE, this::onResendTick)
        .build();
  }

  private Behavior<Command> onSend(Send send) {
    Event event = send.event();
    long generation = event.generation(); // as it arrived: the sender holds it under this one
    ByteBuffer bytes;
    try {
      bytes = ByteBuffer.allocate(EventWireFormat.encodedSize(event));
      EventWireFormat.write(event, bytes);
    } finally {
      Recycler.recycleToOrigin(event, generation, RecycleReason.SENT_TO_NODE);
    }
    Outbox outbox = outboxes.computeIfAbsent(send.entityId(), id -> new Outbox());
    long seq = ++outbox.lastSeq;
    CriticalDelivery delivery =
        new CriticalDelivery(
            producerId, send.entityId(), seq, bytes.array(), getContext().getSelf());
    outbox.pending.put(seq, new Pending(delivery, System.nanoTime()));
    entities.apply(send.entityId()).tell(delivery);
    stats.sent();
    return this;
  }

  private Behavior<Command> onAck(Ack ack) {
    Outbox outbox = outboxes.get(ack.entityId());
    if (outbox != null
        && producerId.equals(ack.producerId())
        && outbox.pending.remove(ack.seq()) != null) {
      stats.acked();
    }
    return this;
  }

  private Behavior<Command> onResendTick() {
    long dueBefore = System.nanoTime() - resendAfter.toNanos();
    for (Map.Entry<String, Outbox> entry : outboxes.entrySet()) {
      for (Map.Entry<Long, Pending> pending : entry.getValue().pending.entrySet()) {
        if (pending.getValue().sentAtNanos < dueBefore) {
          entities.apply(entry.getKey()).tell(pending.getValue().delivery);
          pending.setValue(new Pending(pending.getValue().delivery, System.nanoTime()));
          stats.resent();
        }
      }
    }
    return this;
  }

  /** Events of one entity not yet acknowledged, by sequence number. */
  private static final class Outbox {
    final TreeMap<Long, Pending> pending = new TreeMap<>();
    long lastSeq;
  }

  private record Pending(CriticalDelivery delivery, long sentAtNanos) {}
}
