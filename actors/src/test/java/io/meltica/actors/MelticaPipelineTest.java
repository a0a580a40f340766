package io.meltica.actors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.ControlResult;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.ExecStatus;
import io.meltica.protocol.Side;
import io.meltica.protocol.counters.Metric;
import io.meltica.supervision.FailureAggregator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MelticaPipelineTest extends ActorTestSupport {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final TestProbe<String> got = testKit.createTestProbe();
  private MelticaPipeline pipeline;

  /** In a @BeforeEach rather than a field, so that the system is shut down if it fails. */
  @BeforeEach
  void startPipeline() {
    pipeline = startPipeline("p");
  }

  @Override
  protected Config systemConfig() {
    return ConfigFactory.parseString("meltica.pool.capacity = 256")
        .withFallback(ConfigFactory.load());
  }

  /** Reports "name kind version price" for every event. */
  private EventHandler reporting() {
    return (event, ctx) ->
        got.ref()
            .tell(
                ctx.strategyName()
                    + " "
                    + event.kind()
                    + " v"
                    + event.routingVersion()
                    + " "
                    + event.price());
  }

  private void publishTrade(String symbol, long price) {
    assertThat(
            pipeline.publish(
                asTrade(pipeline.acquire(), pipeline.ids().instrumentId(symbol), price)))
        .isTrue();
  }

  private static <T> T await(CompletionStage<T> stage) {
    CompletableFuture<T> future = stage.toCompletableFuture();
    assertThat(future).succeedsWithin(WAIT);
    return future.join();
  }

  @Test
  void shouldDeliverToTheStrategiesFollowingAnInstrument() {
    StrategyHandle btc = pipeline.subscribe("btc", List.of("BTC-USDT"), reporting());
    StrategyHandle all = pipeline.subscribe("all", List.of(), reporting());

    publishTrade("ETH-USDT", 1);
    got.expectMessage("all TRADE v1 1");
    publishTrade("BTC-USDT", 2);

    assertThat(List.of(got.receiveMessage(), got.receiveMessage()))
        .containsExactlyInAnyOrder("btc TRADE v1 2", "all TRADE v1 2");
    assertThat(btc.strategyId()).isEqualTo(1);
    assertThat(btc.name()).isEqualTo("btc");
    assertThat(all.strategyId()).isEqualTo(2);
    assertThat(pipeline.metrics().strategies())
        .extracting(StrategyMetrics::name)
        .containsExactly("btc", "all");
    got.awaitAssert(
        () -> {
          assertThat(all.metrics().deliveredMarketData()).isEqualTo(2);
          assertThat(btc.metrics().deliveredMarketData()).isEqualTo(1);
          return null;
        });
  }

  @Test
  void shouldRejectAnUnknownSymbolNamingIt() {
    assertThatThrownBy(() -> pipeline.subscribe("s", List.of("BTC-USDT", "DOGE-USDT"), reporting()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DOGE-USDT");
    assertThat(pipeline.metrics().strategies()).as("nobody subscribed").isEmpty();
  }

  @Test
  void shouldDeliverAnExecutionReportToItsStrategyOnly() {
    pipeline.subscribe("a", List.of("BTC-USDT"), reporting());
    StrategyHandle b = pipeline.subscribe("b", List.of("BTC-USDT"), reporting());

    pipeline.publish(
        pipeline
            .acquire()
            .setKind(EventKind.EXEC_REPORT)
            .setInstrumentId(pipeline.ids().instrumentId("BTC-USDT"))
            .setTargetStrategyId(b.strategyId())
            .setExecStatus(ExecStatus.FILLED)
            .setSide(Side.BUY)
            .setPrice(7));

    got.expectMessage("b EXEC_REPORT v1 7");
    got.expectNoMessage(QUIET);
  }

  @Test
  void shouldDeliverOneConsolidatedQuoteForTheQuotesOfEveryVenue() {
    TestProbe<Integer> legs = testKit.createTestProbe();
    pipeline.subscribe(
        "q",
        List.of("SOL-USDT"),
        (event, ctx) ->
            legs.ref().tell(event.kind() == EventKind.CONSOLIDATED_QUOTE ? event.legCount() : -1));

    for (String venue : List.of("binance", "okx", "coinbase")) {
      pipeline.publish(
          pipeline
              .acquire()
              .setKind(EventKind.QUOTE)
              .setVenueId(pipeline.ids().venueId(venue))
              .setInstrumentId(pipeline.ids().instrumentId("SOL-USDT"))
              .setTopOfBook(10, 1, 11, 1));
    }

    legs.expectMessage(3);
    got.awaitAssert(
        () -> {
          assertThat(pipeline.recycler().recycledCount(RecycleReason.MERGE_PARTIAL)).isEqualTo(3);
          return null;
        });
    assertThat(pipeline.metrics().orchestrator().mergesComplete()).isEqualTo(1);
  }

  @Test
  void shouldFlipToVersionTwoAndTellEveryStrategy() {
    pipeline.subscribe("a", List.of("BTC-USDT"), reporting());
    pipeline.subscribe("b", List.of("ETH-USDT"), reporting());

    ControlResult result = await(pipeline.flipRouting());

    assertThat(result).isEqualTo(new ControlResult(1, 2));
    assertThat(
            List.of(
                got.receiveMessage(),
                got.receiveMessage(),
                got.receiveMessage(),
                got.receiveMessage()))
        .containsExactlyInAnyOrder(
            "a CONTROL_ACK v2 0",
            "b CONTROL_ACK v2 0",
            "a CONTROL_RESULT v2 0",
            "b CONTROL_RESULT v2 0");
    publishTrade("BTC-USDT", 5);
    got.expectMessage("a TRADE v2 5");
    assertThat(await(pipeline.flipRouting())).isEqualTo(new ControlResult(2, 3));
    assertThat(pipeline.metrics().orchestrator().flips()).isEqualTo(2);
  }

  @Test
  void shouldAdoptAVersionThenFlipToItExactlyAsAClusterDoes() {
    pipeline.subscribe("a", List.of("BTC-USDT"), reporting());

    assertThat(pipeline.adoptRoutingVersion(5))
        .as("completes once the orchestrator and every router stamp 5")
        .succeedsWithin(WAIT);
    publishTrade("BTC-USDT", 1);
    got.expectMessage("a TRADE v5 1");
    assertThat(await(pipeline.flipRouting(5)))
        .as("the agreed version, not 5 + 1")
        .isEqualTo(new ControlResult(1, 5));
    assertThat(List.of(got.receiveMessage(), got.receiveMessage()))
        .containsExactly("a CONTROL_ACK v5 0", "a CONTROL_RESULT v5 0");
    publishTrade("BTC-USDT", 2);
    got.expectMessage("a TRADE v5 2");
    assertThat(await(pipeline.flipRouting())).isEqualTo(new ControlResult(2, 6));
  }

  @Test
  void shouldRefuseVersionsOutOfRangeAndNeverFlipPastTheMaximum() {
    for (long bad : new long[] {0, -1, MelticaPipeline.MAX_ROUTING_VERSION + 1, Long.MAX_VALUE}) {
      assertThatThrownBy(() -> pipeline.adoptRoutingVersion(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(Long.toString(bad));
      assertThatThrownBy(() -> pipeline.flipRouting(bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
    pipeline.subscribe("a", List.of("BTC-USDT"), reporting());
    await(pipeline.adoptRoutingVersion(MelticaPipeline.MAX_ROUTING_VERSION));

    assertThat(pipeline.flipRouting().toCompletableFuture())
        .failsWithin(WAIT)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(IllegalStateException.class);
    publishTrade("BTC-USDT", 1);
    got.expectMessage("a TRADE v" + MelticaPipeline.MAX_ROUTING_VERSION + " 1");
  }

  @Test
  void shouldStampWhatAThreadPublishedBeforeAFlipWithTheOldVersionAndAfterItWithTheNew() {
    Map<Long, Long> versionOfPrice = new ConcurrentHashMap<>();
    pipeline.subscribe(
        "versions",
        List.of(),
        (event, ctx) -> {
          if (event.kind() == EventKind.TRADE) {
            versionOfPrice.put(event.price(), event.routingVersion());
          }
        });
    for (long price = 1; price <= 100; price++) {
      publishTrade("BTC-USDT", price);
    }

    CompletionStage<ControlResult> flipped = pipeline.flipRouting();
    for (long price = 101; price <= 200; price++) {
      publishTrade("BTC-USDT", price);
    }

    assertThat(await(flipped)).isEqualTo(new ControlResult(1, 2));
    got.awaitAssert(
        () ->
            assertThat(versionOfPrice.keySet().stream().filter(price -> price > 100))
                .as("published after the flip: version 2, never filtered as stale")
                .hasSize(100));
    versionOfPrice.forEach(
        (price, version) ->
            assertThat(version).as("price %d", price).isEqualTo(price <= 100 ? 1L : 2L));
  }

  @Test
  void shouldDeliverEveryEventOfPublishersRacingEachOtherThroughTheIngress() {
    int publishers = 4;
    int each = 20_000;
    LongAdder delivered = new LongAdder();
    pipeline.subscribe("counting", List.of(), (event, ctx) -> delivered.increment());
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (int p = 0; p < publishers; p++) {
      running.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = 1; i <= each; i++) {
                  publishTrade("BTC-USDT", i);
                }
              }));
    }

    assertThat(CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)))
        .succeedsWithin(WAIT);
    got.awaitAssert(
        WAIT,
        () ->
            assertThat(delivered.sum())
                .as("a lost wake-up would strand events in the ingress")
                .isEqualTo((long) publishers * each));
  }

  @Test
  void shouldSummariseFailuresPerStrategyAndTrace() {
    StrategyHandle failing =
        pipeline.subscribe(
            "failing",
            List.of("BTC-USDT"),
            (event, ctx) -> {
              throw new IllegalStateException("no " + event.price());
            });

    for (long trace : new long[] {0xA1, 0xA2}) {
      pipeline.publish(
          asTrade(pipeline.acquire(), pipeline.ids().instrumentId("BTC-USDT"), 1)
              .setTraceId(trace));
    }

    FailureAggregator.Summary summary =
        got.awaitAssert(
            () -> {
              FailureAggregator.Summary now = await(pipeline.failureSummary());
              assertThat(now.total()).isEqualTo(2);
              return now;
            });
    assertThat(summary.perConsumer()).containsExactly(Map.entry(failing.strategyId(), 2L));
    assertThat(summary.perTraceId()).containsOnlyKeys(0xA1L, 0xA2L);
    assertThat(failing.metrics().failures()).isEqualTo(2);
    assertThat(pipeline.metrics().failures().total()).isEqualTo(2);
  }

  @Test
  void shouldRecycleEverythingInFlightWhenStopped() {
    pipeline.subscribe("a", List.of("BTC-USDT"), reporting());
    pipeline.publish(
        pipeline
            .acquire()
            .setKind(EventKind.QUOTE)
            .setVenueId(1)
            .setInstrumentId(pipeline.ids().instrumentId("ETH-USDT"))
            .setTopOfBook(1, 1, 2, 1));
    for (int i = 0; i < 20; i++) {
      publishTrade("BTC-USDT", i + 1);
    }

    await(pipeline.stop());

    assertThat(pipeline.pool().inUse()).as(pipeline.pool().leakReport().toString()).isZero();
  }

  @Test
  void shouldRecycleEveryEventQueuedAtABusyStrategyWhenStopped() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    TestProbe<String> started = testKit.createTestProbe();
    pipeline.subscribe(
        "busy",
        List.of("BTC-USDT"),
        (event, ctx) -> {
          started.ref().tell("started");
          if (!release.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
          }
        });
    publishTrade("BTC-USDT", 1);
    started.expectMessage("started");
    for (int i = 1; i <= 10; i++) {
      publishTrade("BTC-USDT", i + 1);
    }
    got.awaitAssert(
        () -> {
          assertThat(pipeline.metrics().router().deliveries()).isEqualTo(11);
          return null;
        });

    CompletionStage<Done> stopped = pipeline.stop();
    started.expectTerminated(pipeline.ingress());
    release.countDown();
    await(stopped);

    // Released once the orchestrator has stopped, the strategy races its own stop: what it has
    // not handled by then is a dead letter. Either way each envelope ends once, none stays out.
    assertThat(pipeline.pool().inUse()).as(pipeline.pool().leakReport().toString()).isZero();
    long handled = pipeline.recycler().recycledCount(RecycleReason.STRATEGY_HANDLED);
    assertThat(handled).isBetween(1L, 11L);
    assertThat(pipeline.recycler().recycledCount(RecycleReason.DEAD_LETTER))
        .isEqualTo(11 - handled);
  }

  @Test
  void shouldRecycleWhatIsPublishedAfterStopAndStopOnlyOnce() {
    CompletionStage<Done> first = pipeline.stop();
    await(first);

    boolean accepted = pipeline.publish(asTrade(pipeline.acquire(), 1, 1));

    assertThat(accepted).isFalse();
    assertThat(pipeline.recycler().recycledCount(RecycleReason.SHUTDOWN)).isEqualTo(1);
    assertThat(pipeline.stop()).isSameAs(first);
  }

  @Test
  void shouldGiveEveryConcurrentCallerOfStopTheSameStage() throws Exception {
    MelticaSettings settings = MelticaSettings.fromConfig(testKit.system().settings().config());
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        MelticaPipeline raced = MelticaPipeline.start(testKit.system(), settings, "race-" + round);
        checkNoLeaks(raced.pool());
        CyclicBarrier together = new CyclicBarrier(2);
        Callable<CompletionStage<Done>> stop =
            () -> {
              together.await();
              return raced.stop();
            };
        Future<CompletionStage<Done>> first = callers.submit(stop);
        Future<CompletionStage<Done>> second = callers.submit(stop);

        CompletionStage<Done> a = first.get();
        CompletionStage<Done> b = second.get();

        assertThat(Arrays.asList(a, b))
            .as("round %d: what both callers got", round)
            .doesNotContainNull();
        assertThat(a).isSameAs(b);
        await(a);
      }
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void shouldExposeItsSettingsAndEntryPoints() {
    assertThat(pipeline.settings().ids()).isSameAs(pipeline.ids());
    assertThat(pipeline.ids().instrumentSymbols())
        .containsExactly("BTC-USDT", "ETH-USDT", "SOL-USDT");
    assertThat(pipeline.pool().capacity()).isEqualTo(256);
    assertThat(pipeline.recycler().pool()).isSameAs(pipeline.pool());
    assertThat(pipeline.metrics().counters().all())
        .extracting(Metric::name)
        .contains(
            "meltica.pool.in_use",
            "meltica.recycled",
            "meltica.router.events",
            "meltica.orchestrator.flips",
            "meltica.failures",
            "meltica.events.refused",
            "meltica.latency.publish_to_handler");
    assertThat(pipeline.ingress().path().name()).isEqualTo("orchestrator");
    assertThat(pipeline.metrics().fanOut().cores()).isPositive();
  }

  @Test
  void shouldRegisterAStrategysCountersWhenItStartsSoAFollowerSeesThem() {
    List<Metric> followed = new CopyOnWriteArrayList<>();
    pipeline.metrics().counters().follow(followed::add);
    int before = followed.size();

    StrategyHandle strategy = pipeline.subscribe("late", List.of(), (event, ctx) -> {});
    publishTrade("BTC-USDT", 5);

    String id = Integer.toString(strategy.strategyId());
    assertThat(followed.subList(before, followed.size()))
        .filteredOn(metric -> id.equals(metric.labels().get("strategy")))
        .extracting(Metric::name)
        .contains("meltica.strategy.delivered", "meltica.strategy.processing_time");
    Metric.Counter delivered =
        followed.stream()
            .filter(m -> m.name().equals("meltica.strategy.delivered"))
            .filter(m -> m.labels().equals(Map.of("strategy", id, "kind", "market_data")))
            .map(Metric.Counter.class::cast)
            .findFirst()
            .orElseThrow();
    testKit
        .createTestProbe()
        .awaitAssert(() -> assertThat(delivered.total().getAsLong()).isEqualTo(1));
  }
}
