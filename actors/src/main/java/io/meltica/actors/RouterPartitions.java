package io.meltica.actors;

import io.meltica.protocol.RouterMessage;
import io.meltica.protocol.StrategyMessage;
import io.meltica.protocol.Subscribe;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A pipeline's K routers ({@code meltica.router.partitions}). Router {@code p} fans out the events
 * of every instrument whose id is {@code p} modulo K, so one instrument's events all pass through
 * one router and keep their order, while K send loops run side by side. Instrument 0 (control acks
 * and results) belongs to router 0.
 *
 * <p>Every router knows every strategy: a subscription goes to all of them, since any router may
 * carry an event targeted at a strategy, and router 0 carries the control events every strategy
 * gets. A routing flip therefore goes to all K, and completes when all K have brought every
 * strategy to the new minimum.
 *
 * <p>What the pipeline hands a router to route (events, the orchestrator's batches, subscriptions)
 * goes into that router's {@link Ingress}, so that a router takes all of it in one order: a
 * subscription made before an event was published is in force when the router routes it.
 *
 * <p>Immutable; safe to share.
 */
public final class RouterPartitions {
  private final ActorRef<RouterMessage>[] routers;
  private final List<Consumer<RouterMessage>> inboxes;

  /**
   * Routers fed through their ingresses.
   *
   * @param ingresses each router's ingress, in partition order
   */
  static RouterPartitions fedThrough(
      List<ActorRef<RouterMessage>> routers, List<Ingress<RouterMessage>> ingresses) {
    return new RouterPartitions(
        routers, ingresses.stream().<Consumer<RouterMessage>>map(in -> in::offer).toList());
  }

  /** Routers that take everything as messages (tests, probes). */
  RouterPartitions(List<ActorRef<RouterMessage>> routers) {
    this(routers, routers.stream().<Consumer<RouterMessage>>map(ref -> ref::tell).toList());
  }

  @SuppressWarnings("unchecked")
  private RouterPartitions(
      List<ActorRef<RouterMessage>> routers, List<Consumer<RouterMessage>> inboxes) {
    if (routers.isEmpty() || inboxes.size() != routers.size()) {
      throw new IllegalArgumentException(
          "one inbox per router, at least one router: " + routers.size() + ", " + inboxes.size());
    }
    this.routers = routers.toArray(new ActorRef[0]);
    this.inboxes = inboxes;
  }

  /** K. */
  public int count() {
    return routers.length;
  }

  /**
   * The partition of the router that carries the events of {@code instrumentId}. An invalid
   * (negative) id still gets one, so that its router counts the event as unrouted.
   */
  public int partitionOf(int instrumentId) {
    return partitionOf(instrumentId, routers.length);
  }

  /** {@link #partitionOf(int)} among {@code partitions} routers. */
  static int partitionOf(int instrumentId, int partitions) {
    return Math.floorMod(instrumentId, partitions);
  }

  /** Hands router {@code partition} something to route, in its one order. Any thread. */
  void deliver(int partition, RouterMessage message) {
    inboxes.get(partition).accept(message);
  }

  private void deliverToEveryone(RouterMessage message) {
    inboxes.forEach(inbox -> inbox.accept(message));
  }

  /**
   * Subscribes {@code strategy} as strategy {@code strategyId} at every router.
   *
   * @param instrumentIds instruments to follow; empty follows every instrument
   */
  public void subscribe(
      int strategyId, Collection<Integer> instrumentIds, ActorRef<StrategyMessage> consumer) {
    if (instrumentIds.isEmpty()) {
      deliverToEveryone(Subscribe.toAll(strategyId, consumer));
    }
    for (int instrumentId : instrumentIds) {
      deliverToEveryone(new Subscribe(strategyId, instrumentId, consumer));
    }
  }

  /** Whether {@code actor} is one of these routers. */
  boolean contains(ActorRef<?> actor) {
    for (ActorRef<RouterMessage> router : routers) {
      if (router.equals(actor)) {
        return true;
      }
    }
    return false;
  }
}
