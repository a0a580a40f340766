package io.meltica.bench.fanout;

import io.meltica.bench.BenchPipelines;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;

/**
 * The floor of any Pekko fan-out: the publisher itself tells one preallocated message to each of N
 * subscriber actors. No router hop and no message of ours is allocated, so what remains per
 * delivery is Pekko's own cost (its envelope and mailbox node). Meltica's allocation per delivery
 * minus this one is Meltica's own. {@link #publish} is called by one thread.
 */
final class BareTellFanOut implements FanOutTarget {

  /** The one message every delivery carries. */
  record Preallocated(long value) {}

  private static final Preallocated MESSAGE = new Preallocated(1);

  private final ActorSystem<Void> system;
  private final ActorRef<Preallocated>[] subscribers;

  @SuppressWarnings("unchecked")
  BareTellFanOut(List<DeliveryTally> tallies) {
    system = BenchPipelines.newSystem("bench-pekko-bare-tell", BenchPipelines.config(""));
    subscribers = new ActorRef[tallies.size()];
    for (int i = 0; i < subscribers.length; i++) {
      subscribers[i] =
          system.systemActorOf(
              CountingSubscriber.create(Preallocated.class, tallies.get(i), Preallocated::value),
              "subscriber-" + i,
              Props.empty());
    }
  }

  @Override
  public void publish(long value) {
    for (ActorRef<Preallocated> subscriber : subscribers) {
      subscriber.tell(MESSAGE);
    }
  }

  @Override
  public void close() {
    BenchPipelines.terminate(system);
  }
}
