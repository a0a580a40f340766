package io.meltica.cluster;

import io.meltica.cluster.wire.EventWireFormat;
import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.Event;
import io.meltica.protocol.StrategyMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
 * At-least-once, ordered delivery of critical events from this node to strategy entities anywhere
 * in the cluster: each event is encoded once, numbered per entity, and sent through that entity's
 * {@link CriticalOutbox} (a bounded window in flight, cumulative acknowledgements, the window sent
 * again with a doubling wait). An entity that moved (rebalance, a node that left or crashed) is
 * started afresh by the re-sent window; the {@link CriticalInbox} in front of it hands the events
 * to the strategy in sequence order and drops duplicates.
 *
 * <p>Market data does not come here: it goes to the entity directly, at most once (a stale price is
 * worthless). The pooled envelope of a critical event goes back to the pool as soon as it is
 * encoded (RecycleReason SENT_TO_NODE); the bytes are what is kept and re-sent.
 *
 * <p>Unacknowledged events live in this actor's memory: they survive entities moving and receiving
 * nodes failing, not this node failing. A node that leaves waits for them ({@link Drain}); what is
 * still unacknowledged when the actor stops is logged and counted as lost.
 */
public final class CriticalSender extends AbstractBehavior<CriticalSender.Command> {

  /** Messages of the critical sender. */
  public sealed interface Command permits Send, Ack, Drain, ResendTick {}

  /** Deliver {@code event} (a critical event, owned by the message) to entity {@code entityId}. */
  public record Send(String entityId, Event event) implements Command {}

  /** The entity handled every event of {@code producerId} up to {@code upTo}. */
  public record Ack(String entityId, String producerId, long upTo)
      implements Command, ClusterMessage {}

  /** Answer once nothing is in flight or waiting (the node is leaving). */
  public record Drain(ActorRef<Done> replyTo) implements Command {}

  private enum ResendTick implements Command {
    INSTANCE
  }

  private final String producerId;
  private final Function<String, EntityRef<StrategyMessage>> entities;
  private final CriticalSettings settings;
  private final CriticalStats stats;
  private final Map<String, CriticalOutbox> outboxes = new HashMap<>();
  private final List<ActorRef<Done>> drainWaiters = new ArrayList<>();

  /**
   * @param producerId this node's incarnation, unique in the cluster's lifetime
   * @param entities the entity ref of a strategy name
   */
  public static Behavior<Command> create(
      String producerId,
      Function<String, EntityRef<StrategyMessage>> entities,
      CriticalSettings settings,
      CriticalStats stats) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  // the wait is checked at a fifth of its shortest value: late by at most that
                  timers.startTimerWithFixedDelay(
                      ResendTick.INSTANCE, settings.resendAfter().dividedBy(5));
                  return new CriticalSender(ctx, producerId, entities, settings, stats);
                }));
  }

  private CriticalSender(
      ActorContext<Command> ctx,
      String producerId,
      Function<String, EntityRef<StrategyMessage>> entities,
      CriticalSettings settings,
      CriticalStats stats) {
    super(ctx);
    this.producerId = producerId;
    this.entities = entities;
    this.settings = settings;
    this.stats = stats;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Send.class, this::onSend)
        .onMessage(Ack.class, this::onAck)
        .onMessage(Drain.class, this::onDrain)
        .onMessageEquals(ResendTick.INSTANCE, this::onResendTick)
        .onSignal(PostStop.class, stopped -> onStop())
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
    outboxes
        .computeIfAbsent(send.entityId(), this::outboxFor)
        .offer(bytes.array(), System.nanoTime());
    stats.sent();
    publishGauges();
    return this;
  }

  private CriticalOutbox outboxFor(String entityId) {
    return new CriticalOutbox(
        producerId, entityId, entities.apply(entityId), getContext().getSelf(), settings);
  }

  private Behavior<Command> onAck(Ack ack) {
    CriticalOutbox outbox = outboxes.get(ack.entityId());
    if (outbox != null && producerId.equals(ack.producerId())) {
      stats.acked(outbox.acknowledge(ack.upTo(), System.nanoTime()));
      publishGauges();
      answerDrainWaitersIfEmpty();
    }
    return this;
  }

  private Behavior<Command> onDrain(Drain drain) {
    drainWaiters.add(drain.replyTo());
    answerDrainWaitersIfEmpty();
    return this;
  }

  private void answerDrainWaitersIfEmpty() {
    if (!drainWaiters.isEmpty() && outboxes.values().stream().allMatch(CriticalOutbox::isEmpty)) {
      drainWaiters.forEach(waiter -> waiter.tell(Done.getInstance()));
      drainWaiters.clear();
    }
  }

  private Behavior<Command> onResendTick() {
    long now = System.nanoTime();
    long oldestAge = 0;
    for (CriticalOutbox outbox : outboxes.values()) {
      stats.resent(outbox.resendIfDue(now));
      oldestAge = Math.max(oldestAge, outbox.oldestUnackedAgeNanos(now));
    }
    stats.oldestUnackedAgeNanos(oldestAge);
    return this;
  }

  private void publishGauges() {
    int inFlight = 0;
    int waiting = 0;
    for (CriticalOutbox outbox : outboxes.values()) {
      inFlight += outbox.inFlightCount();
      waiting += outbox.waitingCount();
    }
    stats.inFlight(inFlight);
    stats.pending(waiting);
  }

  private Behavior<Command> onStop() {
    long unacknowledged = 0;
    for (CriticalOutbox outbox : outboxes.values()) {
      unacknowledged += outbox.inFlightCount() + outbox.waitingCount();
    }
    if (unacknowledged > 0) {
      stats.lost(unacknowledged);
      getContext()
          .getLog()
          .error(
              "stopped with {} critical event(s) not acknowledged by their strategies: lost"
                  + " unless they were handled without the acknowledgement arriving",
              unacknowledged);
    }
    return this;
  }
}
