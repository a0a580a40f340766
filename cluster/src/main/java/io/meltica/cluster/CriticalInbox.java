package io.meltica.cluster;

import io.meltica.cluster.wire.EventWireFormat;
import io.meltica.pool.EventPool;
import io.meltica.protocol.Event;
import io.meltica.protocol.StrategyMessage;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.LoggerFactory;

/**
 * The front of a strategy entity for critical events: decodes a {@link CriticalDelivery} into a
 * pooled envelope of this node, hands it to the strategy as if it had been delivered locally, and
 * acknowledges it, whatever the handler did. A delivery seen before (a re-send) is acknowledged
 * again and dropped.
 *
 * <p>It is the outermost wrapper of the entity, outside supervision, so a restarted strategy keeps
 * its record of what it has seen; an entity that moves to another node starts with an empty record,
 * so a re-send that crosses the move may be handled twice (at least once).
 *
 * <p>Confined to its entity's messages.
 */
final class CriticalInbox extends BehaviorInterceptor<StrategyMessage, StrategyMessage> {
  private static final String OWNER_TAG = "critical inbox";

  private final EventPool pool;
  private final CriticalStats stats;
  private final Map<String, Seen> seenByProducer = new HashMap<>();

  CriticalInbox(EventPool pool, CriticalStats stats) {
    super(StrategyMessage.class);
    this.pool = pool;
    this.stats = stats;
  }

  @Override
  public Behavior<StrategyMessage> aroundReceive(
      TypedActorContext<StrategyMessage> ctx,
      StrategyMessage msg,
      ReceiveTarget<StrategyMessage> target) {
    if (!(msg instanceof CriticalDelivery delivery)) {
      return target.apply(ctx, msg);
    }
    Seen seen = seenByProducer.computeIfAbsent(delivery.producerId(), id -> new Seen());
    if (seen.contains(delivery.seq())) {
      stats.duplicate();
      acknowledge(delivery);
      return Behaviors.same();
    }
    Event event = decode(delivery);
    try {
      return event == null ? Behaviors.same() : target.apply(ctx, event);
    } finally {
      seen.add(delivery.seq());
      acknowledge(delivery);
    }
  }

  private Event decode(CriticalDelivery delivery) {
    ByteBuffer bytes = ByteBuffer.wrap(delivery.payload());
    try {
      EventWireFormat.validate(bytes);
    } catch (java.io.NotSerializableException malformed) {
      stats.malformed();
      LoggerFactory.getLogger(CriticalInbox.class)
          .error(
              "dropped critical delivery {} of {} for {}: {}",
              delivery.seq(),
              delivery.producerId(),
              delivery.entityId(),
              malformed.getMessage());
      return null;
    }
    Event event = pool.acquire(OWNER_TAG);
    EventWireFormat.read(bytes, event);
    return event;
  }

  private static void acknowledge(CriticalDelivery delivery) {
    delivery
        .ackTo()
        .tell(new CriticalSender.Ack(delivery.entityId(), delivery.producerId(), delivery.seq()));
  }

  /** The sequence numbers of one producer seen so far: all up to a floor, plus some above it. */
  private static final class Seen {
    private long floor;
    private final TreeSet<Long> above = new TreeSet<>();

    boolean contains(long seq) {
      return seq <= floor || above.contains(seq);
    }

    void add(long seq) {
      above.add(seq);
      while (above.remove(floor + 1)) {
        floor++;
      }
    }
  }
}
