package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.meltica.actors.EntranceRefusals;
import io.meltica.actors.MelticaPipeline;
import io.meltica.actors.MelticaSettings;
import io.meltica.actors.StrategyHandle;
import io.meltica.leakcheck.LeakCheck;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.InvalidEventException;
import io.meltica.protocol.Side;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The data bus into a real pipeline; after each test the system is down and nothing leaked. */
@ExtendWith(LogCapturingExtension.class)
class DataBusTest {
  private static final int BTC = 1;
  private static final int ETH = 2;
  private static final int SOL = 3;
  private static final int BINANCE = 1;
  private static final int OKX = 2;

  @RegisterExtension final LeakCheck leaks = LeakCheck.create();
  private final ActorTestKit testKit = ActorTestKit.create("DataBusTest");

  {
    leaks.watch(testKit.system());
  }

  private MelticaPipeline start(String overrides) {
    MelticaSettings settings =
        MelticaSettings.fromConfig(
            ConfigFactory.parseString(
                    "meltica.orchestrator.merge.enabled = off\n"
                        + "meltica.strategy.market-data.policy = unbounded\n"
                        + overrides)
                .withFallback(ConfigFactory.load()));
    return checkNoLeaksOf(MelticaPipeline.start(testKit.system(), settings, "bus"));
  }

  private MelticaPipeline checkNoLeaksOf(MelticaPipeline pipeline) {
    leaks.watch(pipeline.pool());
    return pipeline;
  }

  private static SyntheticVenue venue(
      MelticaPipeline pipeline, int venueId, int rate, Duration duration, List<Integer> targets) {
    return new SyntheticVenue(
        new SyntheticVenue.Settings(
            venueId,
            pipeline.ids().venueName(venueId),
            List.of(BTC, ETH, SOL),
            rate,
            duration,
            7,
            targets));
  }

  @Test
  void shouldDeliverEveryEventOfEveryVenueToASubscribedStrategy() {
    MelticaPipeline pipeline = start("");
    StrategyHandle strategy = pipeline.subscribe("all", List.of(), (e, ctx) -> {});
    List<Integer> targets = List.of(strategy.strategyId());

    DataBus bus =
        DataBus.run(
            testKit.system(),
            pipeline,
            List.of(
                venue(pipeline, BINANCE, 2_000, Duration.ofMillis(500), targets),
                venue(pipeline, OKX, 2_000, Duration.ofMillis(500), targets)));

    assertThat(bus.completion().toCompletableFuture()).succeedsWithin(Duration.ofSeconds(10));
    awaitIdle(pipeline);
    long published = bus.stats().publishedTotal();
    assertThat(published).as("2 venues x 2,000/s x 0.5 s").isBetween(1_600L, 2_600L);
    assertThat(bus.stats().publishedCritical()).as("execution reports").isPositive();
    assertThat(strategy.metrics().delivered()).isEqualTo(published);
    assertThat(strategy.metrics().deliveredCritical()).isEqualTo(bus.stats().publishedCritical());
    long critical = bus.stats().publishedCritical();
    long marketData = published - critical;
    assertThat(pipeline.metrics().fanOut().publishLatency().total().getTotalCount())
        .as("every critical event timed, one market-data event in 64 (the first included)")
        .isEqualTo(critical + (marketData + 63) / 64);
  }

  @Test
  void shouldHoldIngestBackWhileThePoolIsAboveItsHighWatermark() throws Exception {
    MelticaPipeline pipeline =
        start(
            "meltica.pool.capacity = 64\n"
                + "meltica.ingest { batch-size = 4, high-watermark = 0.5 }");
    CountDownLatch release = new CountDownLatch(1);
    pipeline.subscribe("stuck", List.of(), (e, ctx) -> release.await());
    DataBus bus =
        DataBus.run(
            testKit.system(),
            pipeline,
            List.of(venue(pipeline, BINANCE, 5_000, Duration.ofSeconds(1), List.of())));
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.awaitAssert(() -> assertThat(pipeline.pool().inUse()).isGreaterThanOrEqualTo(32));

    probe.expectNoMessage(Duration.ofMillis(300)); // ingest keeps trying while we watch

    assertThat(pipeline.pool().inUse())
        .as("watermark 32 + one batch of 4 + one in the stream")
        .isLessThanOrEqualTo(32 + 4 + 1);
    assertThat(pipeline.pool().missCount()).isZero();
    release.countDown();
    assertThat(bus.completion().toCompletableFuture()).succeedsWithin(Duration.ofSeconds(10));
    awaitIdle(pipeline);
    assertThat(pipeline.recycler().recycledCount(RecycleReason.STRATEGY_HANDLED))
        .isEqualTo(bus.stats().publishedTotal());
  }

  @Test
  void shouldRunAnEndlessVenueUntilStoppedWithoutLosingAnEnvelope() {
    MelticaPipeline pipeline = start("");
    StrategyHandle strategy = pipeline.subscribe("all", List.of(), (e, ctx) -> {});
    DataBus bus =
        DataBus.run(
            testKit.system(),
            pipeline,
            List.of(
                venue(pipeline, BINANCE, 1_000, SyntheticVenue.Settings.UNTIL_STOPPED, List.of())));
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.awaitAssert(() -> assertThat(strategy.metrics().delivered()).isGreaterThan(50));

    assertThat(bus.completion().toCompletableFuture()).as("still running").isNotDone();
    assertThat(bus.stop().toCompletableFuture()).succeedsWithin(Duration.ofSeconds(5));

    awaitIdle(pipeline);
    assertThat(strategy.metrics().delivered()).isEqualTo(bus.stats().publishedTotal());
  }

  @Test
  void shouldRefuseWhatAVenueCannotFillOrFillsBadlyAndDeliverTheRest() {
    MelticaPipeline pipeline = start("meltica.ingest.batch-size = 4");
    StrategyHandle strategy = pipeline.subscribe("all", List.of(), (e, ctx) -> {});
    Venue<Integer> hostile =
        new Venue<>() {
          @Override
          public String name() {
            return "hostile";
          }

          @Override
          public Source<Integer, NotUsed> inputs() {
            return Source.range(1, 30);
          }

          /** Every third input throws, every fifth names an instrument far outside the registry. */
          @Override
          public void fill(Integer input, Event event) {
            if (input % 3 == 0) {
              throw new IllegalArgumentException("cannot parse input " + input);
            }
            event
                .setKind(EventKind.TRADE)
                .setVenueId(BINANCE)
                .setInstrumentId(input % 5 == 0 ? 8_000_000 : BTC)
                .setPrice(input)
                .setQuantity(1)
                .setSide(Side.BUY);
          }
        };

    DataBus bus = DataBus.run(testKit.system(), pipeline, List.of(hostile));

    assertThat(bus.completion().toCompletableFuture()).succeedsWithin(Duration.ofSeconds(10));
    // completion() fires when the venues are exhausted; the sink may still be turning the last
    // batch into envelopes, so wait for the count of inputs it has seen
    EntranceRefusals refusals = pipeline.metrics().refusals();
    testKit
        .createTestProbe()
        .awaitAssert(() -> assertThat(refusals.venueFailures()).as("3, 6, ..., 30").isEqualTo(10));
    awaitIdle(pipeline);
    assertThat(refusals.count(InvalidEventException.Reason.UNKNOWN_INSTRUMENT))
        .as("5, 10, 20, 25 (15 and 30 threw first)")
        .isEqualTo(4);
    assertThat(pipeline.recycler().recycledCount(RecycleReason.REJECTED_INPUT)).isEqualTo(14);
    assertThat(strategy.metrics().delivered())
        .isEqualTo(16)
        .isEqualTo(bus.stats().publishedTotal());
  }

  private void awaitIdle(MelticaPipeline pipeline) {
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.awaitAssert(
        Duration.ofSeconds(10),
        () ->
            assertThat(pipeline.pool().inUse())
                .as(pipeline.pool().leakReport().toString())
                .isZero());
  }
}
