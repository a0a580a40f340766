package io.meltica.bench.fanout;

import com.typesafe.config.Config;
import io.meltica.actors.MelticaPipeline;
import io.meltica.bench.BenchEvents;
import io.meltica.bench.BenchPipelines;
import io.meltica.protocol.Event;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Meltica's pooled fan-out: a {@link MelticaPipeline} with merging off and N strategies following
 * every instrument; each published TRADE goes publisher → orchestrator → router → N strategies, in
 * N-1 pooled copies plus the original.
 *
 * <p>The strategies' market-data policy is {@code unbounded}, so that every event reaches every
 * subscriber, as in the other implementations: the default conflating mailbox drops the oldest
 * market data once 1,024 are queued, and a benchmark batch may queue more. It is the same mailbox
 * class, without the limit. {@link #publish} is called by one thread; see {@link FanOutTarget}.
 */
final class MelticaFanOut implements FanOutTarget {
  static final String SETTINGS =
      String.join(
          "\n", "meltica.strategy.market-data.policy = unbounded", "meltica.pool.capacity = 65536");

  private final ActorSystem<Void> system;
  private final MelticaPipeline pipeline;
  private final int instruments;

  /**
   * @param overrides HOCON over {@link #SETTINGS}, e.g. {@code
   *     meltica.strategy.mailbox=bench.pekko-mailboxes} to compare mailboxes
   */
  MelticaFanOut(List<DeliveryTally> tallies, String overrides) {
    this(tallies, overrides, 1);
  }

  /**
   * @param instruments publish to instruments 1 to this, in turn (at most the registry's count)
   */
  MelticaFanOut(List<DeliveryTally> tallies, String overrides, int instruments) {
    this.instruments = instruments;
    Config config = BenchPipelines.config(SETTINGS + "\n" + overrides);
    system = BenchPipelines.newSystem("bench-meltica", config);
    try {
      pipeline = BenchPipelines.start(system, config, "fan-out");
      for (int i = 0; i < tallies.size(); i++) {
        DeliveryTally tally = tallies.get(i);
        pipeline.subscribe(
            "subscriber-" + i, List.of(), (event, ctx) -> tally.onDelivery(event.price()));
      }
    } catch (RuntimeException e) {
      BenchPipelines.terminate(system);
      throw e;
    }
  }

  @Override
  public void publish(long value) {
    Event trade = BenchEvents.trade(pipeline.acquire(), value, System.nanoTime());
    if (instruments > 1) {
      trade.setInstrumentId(1 + (int) (value % instruments));
    }
    pipeline.publish(trade);
  }

  /** The pipeline, for checks after a run (pool in use, counters). */
  MelticaPipeline pipeline() {
    return pipeline;
  }

  @Override
  public void close() {
    try {
      BenchPipelines.stop(pipeline);
    } finally {
      BenchPipelines.terminate(system);
    }
  }
}
