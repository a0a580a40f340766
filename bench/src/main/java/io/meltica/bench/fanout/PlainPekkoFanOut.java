package io.meltica.bench.fanout;

import io.meltica.bench.BenchPipelines;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * What a user writes without Meltica: the publisher tells a router actor an immutable {@link
 * Trade}, and the router tells each of N subscriber actors a fresh immutable {@link Delivery}
 * (stamped with the subscriber and the dispatch time, as Meltica's router stamps its copies).
 * Default dispatcher and mailbox for every actor. {@link #publish} is called by one thread.
 */
final class PlainPekkoFanOut implements FanOutTarget {

  /** A trade as a user's venue adapter would create it: one object per event. */
  record Trade(long sequence, int instrumentId, long price, long quantity, long ingestNanos) {}

  /** The router's message to one subscriber: one object per delivery. */
  record Delivery(
      int subscriber,
      long sequence,
      int instrumentId,
      long price,
      long quantity,
      long ingestNanos,
      long dispatchNanos) {}

  private final ActorSystem<Void> system;
  private final ActorRef<Trade> router;

  PlainPekkoFanOut(List<DeliveryTally> tallies) {
    system = BenchPipelines.newSystem("bench-pekko-plain", BenchPipelines.config(""));
    List<ActorRef<Delivery>> subscribers = new ArrayList<>();
    for (int i = 0; i < tallies.size(); i++) {
      subscribers.add(
          system.systemActorOf(
              CountingSubscriber.create(Delivery.class, tallies.get(i), Delivery::price),
              "subscriber-" + i,
              Props.empty()));
    }
    router =
        system.systemActorOf(routerBehavior(List.copyOf(subscribers)), "router", Props.empty());
  }

  private static Behavior<Trade> routerBehavior(List<ActorRef<Delivery>> subscribers) {
    return Behaviors.receive(Trade.class)
        .onMessage(
            Trade.class,
            trade -> {
              long now = System.nanoTime();
              for (int i = 0; i < subscribers.size(); i++) {
                subscribers
                    .get(i)
                    .tell(
                        new Delivery(
                            i,
                            trade.sequence(),
                            trade.instrumentId(),
                            trade.price(),
                            trade.quantity(),
                            trade.ingestNanos(),
                            now));
              }
              return Behaviors.same();
            })
        .build();
  }

  @Override
  public void publish(long value) {
    router.tell(new Trade(value, 1, value, 1, System.nanoTime()));
  }

  @Override
  public void close() {
    BenchPipelines.terminate(system);
  }
}
