package io.meltica.suites;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.actors.EventHandler;
import io.meltica.actors.MelticaPipeline;
import io.meltica.actors.StrategyHandle;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.ExecStatus;
import io.meltica.testkit.MelticaTestKit;
import io.meltica.testkit.TestEvents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A strategy far slower than the feed, with the default conflating mailbox: the pool stays bounded,
 * every critical event still reaches it, and it ends with the latest price of every instrument it
 * follows. (That its fast neighbours' latency is unaffected is shown in the benchmark,
 * docs/performance.md.)
 */
@ExtendWith(LogCapturingExtension.class)
class SlowStrategyIsolationTest {
  private static final List<String> INSTRUMENTS = List.of("BTC-USDT", "ETH-USDT", "SOL-USDT");
  private static final int QUOTES = 30_000;
  private static final int CAPACITY = 256;
  private static final int CHUNK = 300;

  @RegisterExtension
  final MelticaTestKit meltica =
      MelticaTestKit.withConfig(
          "meltica.orchestrator.merge.enabled = off\n"
              + "meltica.pool.capacity = 65536\n"
              + "meltica.strategy.market-data { policy = conflate, capacity = "
              + CAPACITY
              + " }");

  private final Map<String, Long> lastPriceSeenBySlow = new ConcurrentHashMap<>();
  private final Set<Long> fillsSeenBySlow = ConcurrentHashMap.newKeySet();

  @Test
  void shouldKeepThePoolBoundedDeliverEveryFillAndEndWithTheLatestPrices() {
    MelticaPipeline pipeline = meltica.pipeline();
    StrategyHandle slow = pipeline.subscribe("slow", INSTRUMENTS, slowHandler(pipeline));
    StrategyHandle fast = pipeline.subscribe("fast", INSTRUMENTS, (e, ctx) -> {});
    TestEvents events = TestEvents.on(pipeline);
    Map<String, Long> lastPublished = new ConcurrentHashMap<>();
    int fills = 0;

    for (int i = 0; i < QUOTES; i++) {
      String symbol = INSTRUMENTS.get(i % INSTRUMENTS.size());
      double mid = 100 + i * 0.01;
      lastPublished.put(symbol, events.publish(quoteAt(events, symbol, mid)));
      if (i % 1_000 == 0) {
        events.execReport(slow.strategyId(), symbol, i, ExecStatus.FILLED);
        fills++;
      }
      if (i % CHUNK == 0) {
        awaitRouted(pipeline, events.published()); // pace the feed to the fast strategy
      }
    }
    MelticaTestKit.awaitIdle(pipeline, Duration.ofSeconds(60));

    assertThat(pipeline.pool().peakInUse())
        .as("the slow strategy holds a quote per instrument and venue, not the feed's backlog")
        .isLessThan(CAPACITY + 3L * CHUNK);
    assertThat(pipeline.pool().missCount()).isZero();
    assertThat(fillsSeenBySlow).as("every execution report").hasSize(fills);
    assertThat(lastPriceSeenBySlow)
        .as("the latest quote of each instrument")
        .isEqualTo(lastPublished);
    assertThat(slow.metrics().deliveredMarketData()).isLessThan(QUOTES / 10);
    assertThat(pipeline.recycler().recycledCount(RecycleReason.CONFLATED)).isPositive();
    assertThat(slow.metrics().conflated()).as("counted for the slow strategy").isPositive();
    assertThat(slow.metrics().overflowed()).as("nothing dropped by the default policy").isZero();
    assertThat(fast.metrics().deliveredMarketData()).isPositive();
  }

  private static void awaitRouted(MelticaPipeline pipeline, long published) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(1))
        .pollInSameThread()
        .until(() -> pipeline.metrics().router().events() >= published);
  }

  /** About 100 times slower than the feed: 200 µs per event. */
  private EventHandler slowHandler(MelticaPipeline pipeline) {
    return (event, ctx) -> {
      long start = System.nanoTime();
      while (System.nanoTime() - start < 200_000) {
        Thread.onSpinWait();
      }
      if (event.kind() == EventKind.EXEC_REPORT) {
        fillsSeenBySlow.add(event.orderId());
      } else if (event.kind() == EventKind.QUOTE) {
        lastPriceSeenBySlow.put(ctx.ids().instrumentSymbol(event.instrumentId()), event.traceId());
      }
    };
  }

  private static io.meltica.protocol.Event quoteAt(TestEvents events, String symbol, double mid) {
    return events.buildQuote(symbol, "binance", mid - 0.01, mid + 0.01);
  }
}
