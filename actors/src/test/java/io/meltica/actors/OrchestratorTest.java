package io.meltica.actors;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.pool.PoolConfig;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.ControlResult;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.FlipRouting;
import io.meltica.protocol.OrchestratorMessage;
import io.meltica.protocol.RouterMessage;
import io.meltica.supervision.FailureAggregator;
import io.meltica.supervision.SupervisionSettings;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;

class OrchestratorTest extends ActorTestSupport {
  private static final Duration MERGE_TIMEOUT = Duration.ofMillis(50);

  private final ManualTime time = ManualTime.get(testKit.system());

  {
    // dispatchers let their threads go on a scheduler delay, which a manual clock must reach
    leaks.afterTermination(() -> time.timePasses(Duration.ofSeconds(10)));
  }

  private final TestProbe<RouterMessage> router = testKit.createTestProbe("router");
  private final TestProbe<FailureAggregator.Command> failures = testKit.createTestProbe();
  private final OrchestratorMetrics metrics = new OrchestratorMetrics();
  private final Ingress<OrchestratorMessage> ingress = new Ingress<>();

  @Override
  protected Config systemConfig() {
    return ManualTime.config().withFallback(ConfigFactory.load());
  }

  private ActorRef<OrchestratorMessage> spawn(boolean mergeEnabled, List<Integer> expectedVenues) {
    return spawn(mergeEnabled, expectedVenues, new RouterPartitions(List.of(router.ref())));
  }

  private ActorRef<OrchestratorMessage> spawn(
      boolean mergeEnabled, List<Integer> expectedVenues, RouterPartitions routers) {
    return attached(spawnOnly(mergeEnabled, expectedVenues, routers));
  }

  private ActorRef<OrchestratorMessage> attached(ActorRef<OrchestratorMessage> orchestrator) {
    ingress.attach(orchestrator, Orchestrator.Drain.INSTANCE);
    return orchestrator;
  }

  private ActorRef<OrchestratorMessage> spawnOnly(
      boolean mergeEnabled, List<Integer> expectedVenues, RouterPartitions routers) {
    MelticaSettings settings =
        new MelticaSettings(
            ids,
            PoolConfig.ofCapacity(64),
            SupervisionSettings.resume(),
            mergeEnabled,
            expectedVenues,
            MERGE_TIMEOUT,
            0,
            1,
            64,
            FanOutMode.SHARED,
            1,
            "meltica.strategy-dispatcher",
            "meltica.strategy-mailboxes",
            Duration.ofSeconds(5),
            100,
            new MelticaSettings.Ingest(4, 0.5),
            MelticaSettings.MarketData.conflate());
    return testKit.spawn(
        Orchestrator.create(
            services(new FanOutStats(0, 1), failures.ref()), settings, ingress, routers, metrics),
        "orchestrator");
  }

  private ActorRef<OrchestratorMessage> spawnMerging() {
    return spawn(true, List.of(BINANCE, OKX, COINBASE));
  }

  private Event quote(int venue, int instrument, long bid, long ask) {
    return pool.acquire("test")
        .setKind(EventKind.QUOTE)
        .setVenueId(venue)
        .setInstrumentId(instrument)
        .setTopOfBook(bid, 1, ask, 1);
  }

  /** Sends a trade and waits until the orchestrator forwarded it: everything before is handled. */
  private void sync(ActorRef<OrchestratorMessage> orchestrator) {
    orchestrator.tell(trade(SOL, -1));
    Event trade = receiveEvent(router);
    assertThat(trade.price()).as("the sync trade").isEqualTo(-1);
    handled(trade);
  }

  @Test
  void shouldStampTheRoutingVersionOnEventsItForwards() {
    ActorRef<OrchestratorMessage> orchestrator = spawnMerging();
    Event trade = trade(BTC, 10).setRoutingVersion(42);
    Event report = trade(BTC, 11).setKind(EventKind.EXEC_REPORT).setTargetStrategyId(3);

    orchestrator.tell(trade);
    orchestrator.tell(report);

    Event first = receiveEvent(router);
    assertThat(first).isSameAs(trade);
    assertThat(first.routingVersion()).isEqualTo(1);
    handled(first);
    Event second = receiveEvent(router);
    assertThat(second).isSameAs(report);
    assertThat(second.routingVersion()).isEqualTo(1);
    assertThat(second.targetStrategyId()).isEqualTo(3);
    handled(second);
    assertThat(metrics.forwarded()).isEqualTo(2);
  }

  @Test
  void shouldPublishOneConsolidatedQuoteWhenEveryVenueReportedAndRecycleThePartials() {
    ActorRef<OrchestratorMessage> orchestrator = spawnMerging();

    orchestrator.tell(quote(BINANCE, BTC, 100, 103));
    orchestrator.tell(quote(OKX, BTC, 101, 104));
    orchestrator.tell(quote(COINBASE, BTC, 99, 102));

    Event merged = receiveEvent(router);
    assertThat(merged.kind()).isEqualTo(EventKind.CONSOLIDATED_QUOTE);
    assertThat(merged.instrumentId()).isEqualTo(BTC);
    assertThat(merged.routingVersion()).isEqualTo(1);
    assertThat(merged.legCount()).isEqualTo(3);
    assertThat(merged.bidPrice()).isEqualTo(101);
    assertThat(merged.askPrice()).isEqualTo(102);
    assertThat(pool.owns(merged)).isTrue();
    recycler.recycle(merged, merged.generation(), RecycleReason.STRATEGY_HANDLED);
    // the orchestrator recycles the partials just after it sends the merged quote on
    awaitRecycled(RecycleReason.MERGE_PARTIAL, 3);
    assertThat(metrics.mergesComplete()).isEqualTo(1);
    assertThat(metrics.mergesTimedOut()).isZero();
    time.expectNoMessageFor(MERGE_TIMEOUT.multipliedBy(2), router);
    assertThat(recycler.recycledCount(RecycleReason.MERGE_TIMEOUT))
        .as("the timer was cancelled")
        .isZero();
  }

  @Test
  void shouldPublishTheLegsPresentWhenTheMergeTimesOut() {
    ActorRef<OrchestratorMessage> orchestrator = spawnMerging();
    orchestrator.tell(quote(BINANCE, ETH, 100, 103));
    orchestrator.tell(quote(COINBASE, ETH, 99, 102));
    sync(orchestrator);

    time.expectNoMessageFor(MERGE_TIMEOUT.minusMillis(1), router);
    time.timePasses(Duration.ofMillis(1));

    Event merged = receiveEvent(router);
    assertThat(merged.kind()).isEqualTo(EventKind.CONSOLIDATED_QUOTE);
    assertThat(merged.instrumentId()).isEqualTo(ETH);
    assertThat(merged.legCount()).isEqualTo(2);
    assertThat(List.of(merged.legVenueId(0), merged.legVenueId(1)))
        .containsExactly(BINANCE, COINBASE);
    assertThat(merged.bidPrice()).isEqualTo(100);
    assertThat(merged.askPrice()).isEqualTo(102);
    handled(merged);
    awaitRecycled(RecycleReason.MERGE_TIMEOUT, 2); // recycled just after the merged quote left
    assertThat(recycler.recycledCount(RecycleReason.MERGE_PARTIAL)).isZero();
    assertThat(metrics.mergesTimedOut()).isEqualTo(1);
    assertThat(metrics.mergesComplete()).isZero();
  }

  @Test
  void shouldOpenANewWindowWithItsOwnTimerAfterAMerge() {
    ActorRef<OrchestratorMessage> orchestrator = spawnMerging();
    orchestrator.tell(quote(BINANCE, BTC, 100, 103));
    orchestrator.tell(quote(OKX, BTC, 100, 103));
    orchestrator.tell(quote(COINBASE, BTC, 100, 103));
    handled(receiveEvent(router));
    orchestrator.tell(quote(OKX, BTC, 98, 99));
    sync(orchestrator);

    time.timePasses(MERGE_TIMEOUT);

    Event merged = receiveEvent(router);
    assertThat(merged.legCount()).isEqualTo(1);
    assertThat(merged.legVenueId(0)).isEqualTo(OKX);
    assertThat(merged.bidPrice()).isEqualTo(98);
    handled(merged);
    awaitRecycled(RecycleReason.MERGE_TIMEOUT, 1);
  }

  @Test
  void shouldReplaceThePartialOfAVenueThatQuotesTwice() {
    ActorRef<OrchestratorMessage> orchestrator = spawnMerging();

    orchestrator.tell(quote(BINANCE, BTC, 100, 105));
    orchestrator.tell(quote(BINANCE, BTC, 101, 104));
    orchestrator.tell(quote(OKX, BTC, 90, 110));
    sync(orchestrator);
    assertThat(recycler.recycledCount(RecycleReason.MERGE_PARTIAL)).as("the replaced").isEqualTo(1);
    assertThat(metrics.partialsReplaced()).isEqualTo(1);
    orchestrator.tell(quote(COINBASE, BTC, 80, 120));

    Event merged = receiveEvent(router);
    assertThat(merged.legCount()).isEqualTo(3);
    assertThat(merged.legBidPrice(0)).as("the newer BINANCE quote").isEqualTo(101);
    assertThat(merged.bidPrice()).isEqualTo(101);
    assertThat(merged.askPrice()).isEqualTo(104);
    handled(merged);
    awaitRecycled(RecycleReason.MERGE_PARTIAL, 4);
  }

  @Test
  void shouldNotRestartTheTimerWhenAPartialIsReplaced() {
    ActorRef<OrchestratorMessage> orchestrator = spawnMerging();
    orchestrator.tell(quote(BINANCE, BTC, 100, 105));
    sync(orchestrator);
    time.timePasses(MERGE_TIMEOUT.minusMillis(10));
    orchestrator.tell(quote(BINANCE, BTC, 101, 104));
    sync(orchestrator);

    time.timePasses(Duration.ofMillis(10));

    Event merged = receiveEvent(router);
    assertThat(merged.legCount()).isEqualTo(1);
    assertThat(merged.bidPrice()).isEqualTo(101);
    handled(merged);
  }

  @Test
  void shouldPassQuotesThroughWhenMergingIsDisabled() {
    ActorRef<OrchestratorMessage> orchestrator = spawn(false, List.of(BINANCE, OKX, COINBASE));
    Event quote = quote(BINANCE, BTC, 100, 103);

    orchestrator.tell(quote);

    Event forwarded = receiveEvent(router);
    assertThat(forwarded).isSameAs(quote);
    assertThat(forwarded.kind()).isEqualTo(EventKind.QUOTE);
    assertThat(forwarded.routingVersion()).isEqualTo(1);
    handled(forwarded);
    time.expectNoMessageFor(MERGE_TIMEOUT.multipliedBy(2), router);
  }

  @Test
  void shouldPassThroughQuotesOfVenuesNotExpected() {
    ActorRef<OrchestratorMessage> orchestrator = spawn(true, List.of(BINANCE, OKX));
    Event quote = quote(COINBASE, BTC, 100, 103);

    orchestrator.tell(quote);

    Event forwarded = receiveEvent(router);
    assertThat(forwarded).isSameAs(quote);
    handled(forwarded);
  }

  @Test
  void shouldFlipTheRoutingVersionAtItsMarkerAndAnswerOnceTheRouterAppliedIt() {
    ActorRef<OrchestratorMessage> orchestrator = spawnMerging();
    TestProbe<ControlResult> caller = testKit.createTestProbe();

    ingress.offer(new FlipRouting(7, caller.ref()));
    orchestrator.tell(trade(BTC, 1));

    Event after = receiveEvent(router);
    assertThat(after.routingVersion()).as("stamped after the marker").isEqualTo(2);
    handled(after);
    assertThat(metrics.flips()).isEqualTo(1);
    caller.expectNoMessage(QUIET);

    orchestrator.tell(new Orchestrator.FlipApplied(7, 2));

    Event result = receiveEvent(router);
    assertThat(ControlResult.from(result)).isEqualTo(new ControlResult(7, 2));
    assertThat(result.instrumentId()).as("to every consumer").isZero();
    assertThat(result.traceId()).isNotZero();
    handled(result);
    caller.expectMessage(new ControlResult(7, 2));
  }

  @Test
  void shouldCompleteAFlipWhoseRouterAppliedItBeforeTheMarkerWasDrained() {
    ActorRef<OrchestratorMessage> orchestrator = spawnMerging();
    TestProbe<ControlResult> caller = testKit.createTestProbe();

    orchestrator.tell(new Orchestrator.FlipApplied(4, 2));
    caller.expectNoMessage(QUIET);
    ingress.offer(new FlipRouting(4, caller.ref()));

    handled(receiveEvent(router));
    caller.expectMessage(new ControlResult(4, 2));
  }

  @Test
  void shouldSendEachInstrumentToItsPartitionsRouterAndFinishAFlipOnlyOnceEveryRouterApplied() {
    TestProbe<RouterMessage> second = testKit.createTestProbe("router-1");
    ActorRef<OrchestratorMessage> orchestrator =
        spawn(false, List.of(), new RouterPartitions(List.of(router.ref(), second.ref())));
    TestProbe<ControlResult> caller = testKit.createTestProbe();

    orchestrator.tell(trade(BTC, 1));
    orchestrator.tell(trade(ETH, 2));
    Event btc = receiveEvent(second);
    assertThat(btc.instrumentId()).as("1 mod 2").isEqualTo(BTC);
    handled(btc);
    Event eth = receiveEvent(router);
    assertThat(eth.instrumentId()).as("2 mod 2").isEqualTo(ETH);
    handled(eth);

    ingress.offer(new FlipRouting(3, caller.ref()));
    orchestrator.tell(new Orchestrator.FlipApplied(3, 2));
    caller.expectNoMessage(QUIET);
    router.expectNoMessage(Duration.ZERO);

    orchestrator.tell(new Orchestrator.FlipApplied(3, 2));

    Event result = receiveEvent(router);
    assertThat(ControlResult.from(result))
        .as("instrument 0 is router 0's")
        .isEqualTo(new ControlResult(3, 2));
    handled(result);
    caller.expectMessage(new ControlResult(3, 2));
    second.expectNoMessage(Duration.ZERO);
  }

  @Test
  void shouldStampAQuoteMergedAcrossAFlipWithTheOldestPartialsVersion() {
    ActorRef<OrchestratorMessage> orchestrator = spawnMerging();
    TestProbe<ControlResult> caller = testKit.createTestProbe();
    ingress.offer(quote(BINANCE, BTC, 100, 103));

    ingress.offer(new FlipRouting(1, caller.ref()));
    ingress.offer(quote(OKX, BTC, 101, 104));
    ingress.offer(quote(COINBASE, BTC, 99, 102));

    Event merged = receiveEvent(router);
    assertThat(merged.kind()).isEqualTo(EventKind.CONSOLIDATED_QUOTE);
    assertThat(merged.routingVersion()).as("binance's quote came before the flip").isEqualTo(1);
    handled(merged);
    orchestrator.tell(quote(BINANCE, BTC, 100, 103));
    orchestrator.tell(quote(OKX, BTC, 101, 104));
    orchestrator.tell(quote(COINBASE, BTC, 99, 102));
    Event fresh = receiveEvent(router);
    assertThat(fresh.routingVersion()).isEqualTo(2);
    handled(fresh);
  }

  @Test
  void shouldRaiseTheVersionByOneOnEveryFlipAndAdoptOnlyANewerOne() {
    ActorRef<OrchestratorMessage> orchestrator = spawnMerging();
    TestProbe<ControlResult> caller = testKit.createTestProbe();

    ingress.offer(new FlipRouting(1, caller.ref()));
    ingress.offer(new FlipRouting(2, caller.ref()));
    orchestrator.tell(trade(BTC, 1));
    Event afterFlips = receiveEvent(router);
    assertThat(afterFlips.routingVersion()).isEqualTo(3);
    handled(afterFlips);

    ingress.offer(new Orchestrator.AdoptVersion(7));
    ingress.offer(new Orchestrator.AdoptVersion(5));
    orchestrator.tell(trade(BTC, 2));
    Event afterAdopt = receiveEvent(router);
    assertThat(afterAdopt.routingVersion()).isEqualTo(7);
    handled(afterAdopt);
  }

  @Test
  void shouldRecycleOpenMergeWindowsWhenStopped() {
    ActorRef<OrchestratorMessage> orchestrator = spawnMerging();
    orchestrator.tell(quote(BINANCE, BTC, 100, 103));
    orchestrator.tell(quote(OKX, BTC, 100, 103));
    orchestrator.tell(quote(OKX, ETH, 100, 103));
    sync(orchestrator);

    testKit.stop(orchestrator);

    assertThat(recycler.recycledCount(RecycleReason.SHUTDOWN)).isEqualTo(3);
    assertThat(pool.inUse()).isZero();
  }
}
