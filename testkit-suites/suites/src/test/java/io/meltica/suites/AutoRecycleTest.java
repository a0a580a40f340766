package io.meltica.suites;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.actors.MelticaPipeline;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.EventKind;
import io.meltica.testkit.MelticaTestKit;
import io.meltica.testkit.TestEvents;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** US2: every envelope goes back to the pool, whatever the handler did. */
@ExtendWith(LogCapturingExtension.class)
class AutoRecycleTest {
  private static final Duration GENEROUS = Duration.ofSeconds(5);

  @RegisterExtension
  final MelticaTestKit meltica =
      MelticaTestKit.withConfig(
              "meltica.orchestrator.merge { enabled = on, timeout = 200ms }\n"
                  + "meltica.venues = [binance, okx, coinbase]")
          .withManualTime();

  @Test
  void shouldRecycleOnNormalReturn() {
    MelticaPipeline pipeline = meltica.pipeline();
    TestProbe<String> handled = meltica.testKit().createTestProbe();
    pipeline.subscribe("calm", List.of(), (e, ctx) -> handled.ref().tell("ok"));

    TestEvents.on(pipeline).trade("BTC-USDT", "binance", 1, 1);

    handled.expectMessage("ok");
    MelticaTestKit.awaitIdle(pipeline, GENEROUS);
    assertThat(pipeline.recycler().recycledCount(RecycleReason.STRATEGY_HANDLED)).isEqualTo(1);
  }

  @Test
  void shouldRecycleWhenTheHandlerThrowsAndLogTheStackTrace() {
    MelticaPipeline pipeline = meltica.pipeline();
    pipeline.subscribe(
        "thrower",
        List.of(),
        (e, ctx) -> {
          throw new IllegalStateException("strategy bug");
        });

    LoggingTestKit.error(IllegalStateException.class)
        .withMessageContains("strategy bug")
        .expect(
            meltica.testKit().system(),
            () -> TestEvents.on(pipeline).trade("BTC-USDT", "binance", 1, 1));

    MelticaTestKit.awaitIdle(pipeline, GENEROUS);
    assertThat(pipeline.recycler().recycledCount(RecycleReason.STRATEGY_HANDLED)).isEqualTo(1);
    assertThat(pipeline.metrics().strategies().get(0).failures()).isEqualTo(1);
  }

  @Test
  void shouldRecycleThePartialsOnceTheyAreMerged() {
    MelticaPipeline pipeline = meltica.pipeline();
    TestProbe<Integer> legs = meltica.testKit().createTestProbe();
    pipeline.subscribe("merged", List.of("BTC-USDT"), (e, ctx) -> legs.ref().tell(e.legCount()));
    TestEvents events = TestEvents.on(pipeline);

    events.quote("BTC-USDT", "binance", 100.0, 100.2);
    events.quote("BTC-USDT", "okx", 100.1, 100.3);
    events.quote("BTC-USDT", "coinbase", 99.9, 100.1);

    legs.expectMessage(3);
    MelticaTestKit.awaitIdle(pipeline, GENEROUS);
    assertThat(pipeline.recycler().recycledCount(RecycleReason.MERGE_PARTIAL)).isEqualTo(3);
    assertThat(pipeline.recycler().recycledCount(RecycleReason.STRATEGY_HANDLED)).isEqualTo(1);
  }

  @Test
  void shouldRecycleThePartialsWhenTheMergeTimesOut() {
    MelticaPipeline pipeline = meltica.pipeline();
    TestProbe<String> merged = meltica.testKit().createTestProbe();
    pipeline.subscribe(
        "merged",
        List.of("BTC-USDT"),
        (e, ctx) -> merged.ref().tell(e.kind() + " legs=" + e.legCount()));
    TestEvents events = TestEvents.on(pipeline);
    events.quote("BTC-USDT", "binance", 100.0, 100.2);
    events.quote("BTC-USDT", "okx", 100.1, 100.3);
    meltica.manualTime().expectNoMessageFor(Duration.ofMillis(150), merged);

    meltica.manualTime().timePasses(Duration.ofMillis(60));

    merged.expectMessage(EventKind.CONSOLIDATED_QUOTE + " legs=2");
    MelticaTestKit.awaitIdle(pipeline, GENEROUS);
    assertThat(pipeline.recycler().recycledCount(RecycleReason.MERGE_TIMEOUT)).isEqualTo(2);
    assertThat(pipeline.metrics().orchestrator().mergesTimedOut()).isEqualTo(1);
  }
}
