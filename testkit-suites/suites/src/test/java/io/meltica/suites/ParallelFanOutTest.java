package io.meltica.suites;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.actors.MelticaPipeline;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.protocol.FixedPoint;
import io.meltica.testkit.MelticaTestKit;
import io.meltica.testkit.TestEvents;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** US1: one event reaches every subscriber at once, in pooled envelopes. */
@ExtendWith(LogCapturingExtension.class)
class ParallelFanOutTest {
  private static final Duration GENEROUS = Duration.ofSeconds(2);

  @RegisterExtension
  final MelticaTestKit meltica =
      MelticaTestKit.withConfig(
          "meltica.orchestrator.merge.enabled = off\nmeltica.pool.capacity = 1024");

  @ParameterizedTest(name = "fan-out = {0}")
  @ValueSource(strings = {"shared", "copy"})
  void shouldDeliverAPriceUpdateToEachOfThreeBtcSubscribers(String fanOut) {
    assertEverySubscriberGetsThePrice(3, fanOut);
  }

  @ParameterizedTest(name = "fan-out = {0}")
  @ValueSource(strings = {"shared", "copy"})
  void shouldDeliverAPriceUpdateToEachOfTenSubscribers(String fanOut) {
    assertEverySubscriberGetsThePrice(10, fanOut);
  }

  private void assertEverySubscriberGetsThePrice(int subscribers, String fanOut) {
    MelticaPipeline pipeline =
        meltica.startPipeline("fan-out-" + fanOut, "meltica.router.fan-out = " + fanOut);
    TestProbe<String> received = meltica.testKit().createTestProbe();
    for (int i = 0; i < subscribers; i++) {
      String name = "strategy-" + i;
      pipeline.subscribe(
          name,
          List.of("BTC-USDT"),
          (event, ctx) -> received.ref().tell(name + "@" + FixedPoint.format(event.price())));
    }

    long start = System.nanoTime();
    TestEvents.on(pipeline).trade("BTC-USDT", "binance", 27123.45, 0.5);

    List<String> got = received.receiveSeveralMessages(subscribers, GENEROUS);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    assertThat(got).allMatch(s -> s.endsWith("@27123.45"));
    assertThat(got.stream().map(s -> s.substring(0, s.indexOf('@')))).doesNotHaveDuplicates();
    assertThat(elapsed).isLessThan(GENEROUS);
    MelticaTestKit.awaitIdle(pipeline, GENEROUS);
    boolean shared = fanOut.equals("shared");
    assertThat(pipeline.recycler().recycledCount(RecycleReason.STRATEGY_HANDLED))
        .as(shared ? "the one shared envelope, once" : "the original and every duplicate")
        .isEqualTo(shared ? 1 : subscribers);
    assertThat(pipeline.metrics().router().duplicates()).isEqualTo(shared ? 0 : subscribers - 1);
  }

  @Test
  void shouldAcquireNoDuplicateForASingleSubscriber() {
    MelticaPipeline pipeline = meltica.pipeline();
    TestProbe<Long> received = meltica.testKit().createTestProbe();
    pipeline.subscribe("only", List.of("BTC-USDT"), (e, ctx) -> received.ref().tell(e.price()));
    Event trade = TestEvents.on(pipeline).buildTrade("BTC-USDT", "okx", 100, 1);
    long acquiredBefore = pipeline.pool().acquiredCount();

    pipeline.publish(trade);

    received.expectMessage(FixedPoint.fromDouble(100));
    MelticaTestKit.awaitIdle(pipeline, GENEROUS);
    assertThat(pipeline.pool().acquiredCount()).isEqualTo(acquiredBefore);
    assertThat(pipeline.metrics().router().duplicates()).isZero();
    assertThat(pipeline.recycler().recycledCount(RecycleReason.STRATEGY_HANDLED)).isEqualTo(1);
  }

  @Test
  void shouldRecycleAtOnceWhenNobodySubscribed() {
    MelticaPipeline pipeline = meltica.pipeline();
    pipeline.subscribe("btc only", List.of("BTC-USDT"), (e, ctx) -> {});

    TestEvents.on(pipeline).trade("ETH-USDT", "okx", 2000, 1);

    MelticaTestKit.awaitIdle(pipeline, GENEROUS);
    assertThat(pipeline.recycler().recycledCount(RecycleReason.ZERO_SUBSCRIBERS)).isEqualTo(1);
    assertThat(pipeline.metrics().router().unrouted()).isEqualTo(1);
  }
}
