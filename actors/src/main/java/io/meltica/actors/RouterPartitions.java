package io.meltica.actors;

import io.meltica.protocol.ConsumerMessage;
import io.meltica.protocol.RouterMessage;
import io.meltica.protocol.Subscribe;
import java.util.Collection;
import java.util.List;
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
 * <p>Immutable; safe to share.
 */
public final class RouterPartitions {
  private final ActorRef<RouterMessage>[] routers;

  @SuppressWarnings("unchecked")
  RouterPartitions(List<ActorRef<RouterMessage>> routers) {
    if (routers.isEmpty()) {
      throw new IllegalArgumentException("a pipeline has at least one router");
    }
    this.routers = routers.toArray(new ActorRef[0]);
  }

  /** K. */
  public int count() {
    return routers.length;
  }

  /** The router of partition {@code partition}, 0 to K-1. */
  public ActorRef<RouterMessage> get(int partition) {
    return routers[partition];
  }

  /**
   * The partition of the router that carries the events of {@code instrumentId}. An invalid
   * (negative) id still gets one, so that its router counts the event as unrouted.
   */
  public int partitionOf(int instrumentId) {
    return Math.floorMod(instrumentId, routers.length);
  }

  /** Sends {@code message} to every router. */
  public void tellEveryone(RouterMessage message) {
    for (ActorRef<RouterMessage> router : routers) {
      router.tell(message);
    }
  }

  /**
   * Subscribes {@code consumer} as strategy {@code consumerId} at every router.
   *
   * @param instrumentIds instruments to follow; empty follows every instrument
   */
  public void subscribe(
      int consumerId, Collection<Integer> instrumentIds, ActorRef<ConsumerMessage> consumer) {
    if (instrumentIds.isEmpty()) {
      tellEveryone(Subscribe.toAll(consumerId, consumer));
    }
    for (int instrumentId : instrumentIds) {
      tellEveryone(new Subscribe(consumerId, instrumentId, consumer));
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
