package io.meltica.cluster;

import io.meltica.cluster.wire.EventWireFormat;
import io.meltica.pool.EventPool;
import io.meltica.protocol.Event;
import io.meltica.protocol.IdRegistry;
import io.meltica.protocol.StrategyMessage;
import io.meltica.protocol.UpdateMinVersion;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.LoggerFactory;

/**
 * The receiving end of at-least-once critical delivery, in front of a strategy entity: it hands
 * each producer's {@link CriticalDelivery}s to the strategy in sequence order, each exactly once
 * per incarnation, read into a pooled envelope of this node, and acknowledges cumulatively after
 * the handler ran (whatever it did).
 *
 * <p>Per producer it keeps the next sequence number it expects and at most a window of early
 * arrivals (O(window), {@link CriticalSettings#window}): a delivery below the expected number is a
 * duplicate (dropped, acknowledged again), one above waits for the gap to be filled, one further
 * ahead than the window is dropped for the sender to send again. A new incarnation (the entity
 * moved, or the strategy's node restarted) starts at the producer's {@link
 * CriticalDelivery#oldestUnacked}: everything below was acknowledged, so handled by an earlier
 * incarnation. Only an event handled whose acknowledgement had not reached the sender when it moved
 * can be handled twice.
 *
 * <p>Why the acknowledgement follows the handler rather than the receipt: the producer forgets an
 * acknowledged event, and a node that fails between the receipt and the handler would lose it. The
 * two are one step of the same message, so acknowledging after costs only the handler's time.
 *
 * <p>It also refuses a new minimum routing version ({@link UpdateMinVersion}) out of range: a
 * router on any node may send one, and a minimum far ahead would drop all market data.
 *
 * <p>It is the outermost wrapper of the entity, outside supervision, so a restarted strategy keeps
 * its record. Confined to its entity's messages.
 */
final class CriticalInbox extends BehaviorInterceptor<StrategyMessage, StrategyMessage> {
  private static final String OWNER_TAG = "critical inbox";

  /** The next early arrival of {@code producerId} is due: sent to self after a gap closed. */
  record ReleaseEarly(String producerId) implements StrategyMessage {}

  private final EventPool pool;
  private final IdRegistry ids;
  private final CriticalStats stats;
  private final CriticalSettings settings;
  private final VersionStats versions;
  private final Map<String, Channel> channels = new HashMap<>();

  /**
   * @param ids what the payload's ids are checked against before an envelope is taken
   * @param versions what a router's new minimum version is checked against (it may be a peer's)
   */
  CriticalInbox(
      EventPool pool,
      IdRegistry ids,
      CriticalStats stats,
      CriticalSettings settings,
      VersionStats versions) {
    super(StrategyMessage.class);
    this.pool = pool;
    this.ids = ids;
    this.stats = stats;
    this.settings = settings;
    this.versions = versions;
  }

  @Override
  public Behavior<StrategyMessage> aroundReceive(
      TypedActorContext<StrategyMessage> ctx,
      StrategyMessage msg,
      ReceiveTarget<StrategyMessage> target) {
    if (msg instanceof CriticalDelivery delivery) {
      return onDelivery(ctx, delivery, target);
    }
    if (msg instanceof UpdateMinVersion update && !versions.acceptsMinimum(update.minVersion())) {
      versions.refusedOutOfRange(); // a minimum this far ahead would drop all market data
      LoggerFactory.getLogger(CriticalInbox.class)
          .warn("refused a minimum routing version out of range: {}", update);
      return Behaviors.same();
    }
    if (msg instanceof ReleaseEarly release) {
      Channel channel = channels.get(release.producerId());
      CriticalDelivery next = channel == null ? null : channel.early.remove(channel.expected);
      return next == null ? Behaviors.same() : handleInOrder(ctx, channel, next, target);
    }
    return target.apply(ctx, msg);
  }

  private Behavior<StrategyMessage> onDelivery(
      TypedActorContext<StrategyMessage> ctx,
      CriticalDelivery delivery,
      ReceiveTarget<StrategyMessage> target) {
    long now = System.nanoTime();
    Channel channel = channels.get(delivery.producerId());
    if (channel == null) {
      forgetSilentProducers(now);
      channel = new Channel();
      channels.put(delivery.producerId(), channel);
    }
    channel.lastHeardNanos = now;
    channel.skipAcknowledged(delivery.oldestUnacked());
    long seq = delivery.seq();
    if (seq == channel.expected) {
      channel.early.remove(seq);
      return handleInOrder(ctx, channel, delivery, target);
    }
    if (seq < channel.expected) {
      stats.duplicate();
    } else if (seq - channel.expected >= settings.window()) {
      stats.beyondWindow();
    } else if (channel.early.putIfAbsent(seq, delivery) != null) {
      stats.duplicate();
    }
    releaseNextIfDue(ctx, delivery.producerId(), channel);
    acknowledge(delivery, channel);
    return Behaviors.same();
  }

  /** Hands {@code delivery}, the expected one, to the strategy; then acknowledges it. */
  private Behavior<StrategyMessage> handleInOrder(
      TypedActorContext<StrategyMessage> ctx,
      Channel channel,
      CriticalDelivery delivery,
      ReceiveTarget<StrategyMessage> target) {
    try {
      Event event = decode(delivery);
      return event == null ? Behaviors.same() : target.apply(ctx, event);
    } finally {
      channel.expected++;
      acknowledge(delivery, channel);
      releaseNextIfDue(ctx, delivery.producerId(), channel);
    }
  }

  /**
   * One early arrival at a time, through the mailbox: the strategy's behaviour may change with each
   * message, so each handler call must be a message of its own.
   */
  private static void releaseNextIfDue(
      TypedActorContext<StrategyMessage> ctx, String producerId, Channel channel) {
    if (channel.early.containsKey(channel.expected)) {
      ctx.asJava().getSelf().tell(new ReleaseEarly(producerId));
    }
  }

  private Event decode(CriticalDelivery delivery) {
    ByteBuffer bytes = ByteBuffer.wrap(delivery.payload());
    try {
      EventWireFormat.validate(bytes, ids);
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

  private static void acknowledge(CriticalDelivery delivery, Channel channel) {
    delivery
        .ackTo()
        .tell(
            new CriticalSender.Ack(
                delivery.entityId(), delivery.producerId(), channel.expected - 1));
  }

  /** Drops the record of producers silent for long with nothing early: they owe us nothing. */
  private void forgetSilentProducers(long nowNanos) {
    long forgetAfter = settings.forgetSenderAfter().toNanos();
    channels
        .values()
        .removeIf(
            channel -> channel.early.isEmpty() && nowNanos - channel.lastHeardNanos > forgetAfter);
  }

  /** What this entity has of one producer: the next number due and the early arrivals. */
  private static final class Channel {
    long expected = 1;
    final TreeMap<Long, CriticalDelivery> early = new TreeMap<>();
    long lastHeardNanos;

    /** Everything below {@code oldestUnacked} was handled and acknowledged: not waited for. */
    void skipAcknowledged(long oldestUnacked) {
      if (oldestUnacked > expected) {
        expected = oldestUnacked;
        early.headMap(expected).clear();
      }
    }
  }
}
