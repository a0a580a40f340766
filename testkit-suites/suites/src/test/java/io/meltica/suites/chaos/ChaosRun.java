package io.meltica.suites.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meltica.actors.MelticaPipeline;
import io.meltica.actors.StrategyHandle;
import io.meltica.pool.EventPool;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.ExecStatus;
import io.meltica.protocol.InvalidEventException;
import io.meltica.protocol.Side;
import io.meltica.testkit.MelticaTestKit;
import io.meltica.testkit.TestEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.PoisonPill;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * One seeded chaos run of the whole local pipeline. Phase one mixes market data, execution reports
 * for the strategies, bad events, routing flips, and strategies stopped and subscribed anew, while
 * the handlers throw exceptions and errors and some work slowly; once the pipeline is idle every
 * execution report must have reached every strategy that was subscribed when it was published and
 * stayed so. Phase two publishes on and stops the pipeline at a random moment. The test kit's leak
 * check then wants every envelope back, no refused release and nothing unaccounted. Even seeds run
 * the shared fan-out, odd seeds the copying one, each with a random router batch size; seeds 1, 4,
 * 5, 8, 9, ... take free envelopes from the pool last released first (the default outside debug
 * mode), the others first released first.
 */
final class ChaosRun {
  private static final List<String> SYMBOLS = List.of("BTC-USDT", "ETH-USDT", "SOL-USDT");
  private static final List<String> VENUES = List.of("binance", "okx", "coinbase");
  private static final Duration IDLE = Duration.ofSeconds(20);

  private final Random random;
  private final int steps;
  private final MelticaPipeline pipeline;
  private final TestEvents events;
  private final Set<String> delivered = ConcurrentHashMap.newKeySet();
  private final Set<String> expected = new HashSet<>();
  private final List<StrategyHandle> alive = new ArrayList<>();
  private final List<CompletionStage<?>> flips = new ArrayList<>();
  private int strategiesMade;
  private long nextOrderId = 1;

  ChaosRun(long seed, int steps, MelticaTestKit meltica) {
    this.random = new Random(seed);
    this.steps = steps;
    String policy = random.nextBoolean() ? "conflate" : "drop-oldest";
    String supervision = random.nextBoolean() ? "resume" : "restart";
    String fanOut = seed % 2 == 0 ? "shared" : "copy"; // each mode on half the seeds
    String freeOrder = seed / 2 % 2 == 0 ? "lifo" : "fifo"; // and each with either pool order
    int batchSize = 1 + random.nextInt(16); // small, so that batches fill and split often
    int routers = 1 + random.nextInt(3);
    this.pipeline =
        meltica.startPipeline(
            "chaos",
            "meltica.pool.capacity = 64\n"
                + "meltica.pool.free-order = "
                + freeOrder
                + "\nmeltica.router.fan-out = "
                + fanOut
                + "\nmeltica.router.batch-size = "
                + batchSize
                + "\nmeltica.router.partitions = "
                + routers
                + "\nmeltica.strategy.market-data.capacity = 8\n"
                + "meltica.strategy.market-data.policy = "
                + policy
                + "\nmeltica.strategy.supervision.strategy = "
                + supervision
                + "\nmeltica.strategy.supervision.max-restarts = 100000");
    this.events = TestEvents.on(pipeline);
  }

  void run() {
    for (int i = 0; i < 2 + random.nextInt(3); i++) {
      subscribe();
    }
    for (int step = 0; step < steps; step++) {
      chaosStep();
    }
    MelticaTestKit.awaitIdle(pipeline, IDLE);
    flips.forEach(flip -> assertThat(flip.toCompletableFuture()).succeedsWithin(IDLE));
    assertThat(delivered).as("execution reports delivered").containsAll(expected);

    int stopAt = random.nextInt(steps);
    CompletionStage<?> stopped = null;
    for (int step = 0; step < steps; step++) {
      if (step == stopAt) {
        stopped = pipeline.stop();
      }
      publishMarketData(); // after the stop: refused and recycled
    }
    assertThat(stopped.toCompletableFuture()).succeedsWithin(IDLE);
    EventPool pool = pipeline.pool();
    assertThat(pool.inUse()).as("%s%s", pool.leakReport(), counters(stopAt)).isZero();
  }

  /** What the pipeline counted, for the message of a failed run. */
  private String counters(int stopAt) {
    StringBuilder text =
        new StringBuilder("stopped at step " + stopAt + " of phase two; recycled:");
    for (RecycleReason reason : RecycleReason.values()) {
      text.append(' ').append(reason).append('=').append(pipeline.recycler().recycledCount(reason));
    }
    return text.append("; router events ")
        .append(pipeline.metrics().router().events())
        .append(", orchestrator forwarded ")
        .append(pipeline.metrics().orchestrator().forwarded())
        .toString();
  }

  private void chaosStep() {
    int roll = random.nextInt(100);
    if (roll < 55) {
      publishMarketData();
    } else if (roll < 75) {
      publishExecReport();
    } else if (roll < 85) {
      publishBadEvent();
    } else if (roll < 90) {
      flips.add(pipeline.flipRouting());
    } else if (roll < 95 && alive.size() > 1) {
      stopOne();
    } else {
      subscribe();
    }
  }

  private void subscribe() {
    String name = "chaos-" + strategiesMade++;
    int faultPercent = random.nextInt(4) == 0 ? 0 : 2 + random.nextInt(10);
    ChaosStrategy strategy =
        new ChaosStrategy(name, faultPercent, random.nextInt(4) == 0, delivered);
    List<String> follows = random.nextBoolean() ? List.of() : List.of(pick(SYMBOLS));
    alive.add(pipeline.subscribe(name, follows, strategy.handler()));
  }

  /** Stops a strategy as a crash would; reports already published to it are no longer owed. */
  private void stopOne() {
    StrategyHandle gone = alive.remove(random.nextInt(alive.size()));
    expected.removeIf(key -> key.startsWith(gone.name() + ":"));
    Adapter.toClassic(gone.ref()).tell(PoisonPill.getInstance(), null);
  }

  private void publishMarketData() {
    String symbol = pick(SYMBOLS);
    String venue = pick(VENUES);
    double price = 100 + random.nextInt(50);
    switch (random.nextInt(3)) {
      case 0 -> events.trade(symbol, venue, price, 1 + random.nextInt(5));
      case 1 -> events.quote(symbol, venue, price, price + 1);
      default ->
          events.publish(events.buildTrade(symbol, venue, price, 1).setKind(EventKind.BOOK_DELTA));
    }
  }

  private void publishExecReport() {
    StrategyHandle target = alive.get(random.nextInt(alive.size()));
    long orderId = nextOrderId++;
    ExecStatus status = random.nextBoolean() ? ExecStatus.FILLED : ExecStatus.NEW;
    expected.add(target.name() + ":" + orderId);
    events.execReport(target.strategyId(), pick(SYMBOLS), orderId, status);
  }

  /** An event without a kind, or with an instrument or venue id outside the registry. */
  private void publishBadEvent() {
    Event bad = events.buildTrade(pick(SYMBOLS), pick(VENUES), 100, 1).setSide(Side.SELL);
    switch (random.nextInt(3)) {
      case 0 -> bad.setKind(null);
      case 1 -> bad.setInstrumentId(1 + random.nextInt(Integer.MAX_VALUE - 1) | 0x100);
      default -> bad.setVenueId(31 + random.nextInt(1_000));
    }
    assertThatThrownBy(() -> pipeline.publish(bad)).isInstanceOf(InvalidEventException.class);
  }

  private <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }
}
