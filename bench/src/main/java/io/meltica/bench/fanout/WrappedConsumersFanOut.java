package io.meltica.bench.fanout;

import io.meltica.bench.BenchEvents;
import io.meltica.bench.BenchPipelines;
import io.meltica.bench.Waits;
import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.pool.Recycler;
import io.meltica.protocol.StrategyMessage;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;

/**
 * The publisher tells each of N strategy actors a pooled event of its own, every strategy wrapped
 * as one {@link ConsumerWrapping} says: a bare tell plus the consumer-side layers of Meltica, with
 * no orchestrator or router hop. Comparing the variants isolates each layer's cost per delivery.
 * {@link #publish} is called by one thread.
 */
final class WrappedConsumersFanOut implements FanOutTarget {
  private static final String OWNER_TAG = "bench-publisher";

  private final ActorSystem<Void> system;
  private final EventPool pool;
  private final ActorRef<StrategyMessage>[] consumers;

  @SuppressWarnings("unchecked")
  WrappedConsumersFanOut(ConsumerWrapping wrapping, List<DeliveryTally> tallies) {
    system = BenchPipelines.newSystem("bench-wrapping", BenchPipelines.config(""));
    pool = new EventPool(new PoolConfig(65_536, false, false));
    Recycler recycler = pool.recycler();
    consumers = new ActorRef[tallies.size()];
    for (int i = 0; i < consumers.length; i++) {
      consumers[i] =
          system.systemActorOf(
              wrapping.create(i + 1, tallies.get(i), recycler, system.ignoreRef()),
              "consumer-" + (i + 1),
              Props.empty());
    }
  }

  @Override
  public void publish(long value) {
    for (ActorRef<StrategyMessage> consumer : consumers) {
      consumer.tell(BenchEvents.trade(pool.acquire(OWNER_TAG), value, 0));
    }
  }

  EventPool pool() {
    return pool;
  }

  @Override
  public void close() {
    try {
      Waits.until(() -> pool.inUse() == 0, Duration.ofSeconds(30), "consumers to recycle");
    } finally {
      BenchPipelines.terminate(system);
    }
  }
}
