package io.meltica.suites;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.actors.MelticaPipeline;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.testkit.MelticaTestKit;
import io.meltica.testkit.TestEvents;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Misuse of pooled envelopes through real actors is caught in debug mode (on in every test). */
@ExtendWith(LogCapturingExtension.class)
class DebugValidationTest {
  @RegisterExtension
  final MelticaTestKit meltica =
      MelticaTestKit.withConfig("meltica.orchestrator.merge.enabled = off");

  @Test
  void shouldCatchAHandlerReadingAKeptEnvelopeOnItsFirstAccess() {
    MelticaPipeline pipeline = meltica.pipeline();
    assertThat(pipeline.pool().isDebug()).isTrue();
    TestProbe<String> verdict = meltica.testKit().createTestProbe();
    Event[] kept = new Event[1];
    pipeline.subscribe(
        "keeps envelopes",
        List.of(),
        (event, ctx) -> {
          if (kept[0] != null) {
            try {
              verdict.ref().tell("undetected: read " + kept[0].price());
            } catch (IllegalStateException e) {
              verdict.ref().tell("detected: " + e.getMessage());
            }
          }
          kept[0] = event; // the misuse: keeping the envelope past the handler call
        });
    TestEvents events = TestEvents.on(pipeline);

    events.trade("BTC-USDT", "binance", 100, 1);
    events.trade("BTC-USDT", "binance", 101, 1);

    assertThat(verdict.receiveMessage()).startsWith("detected: use after release");
  }

  @Test
  void shouldCatchEveryDoubleReleaseInsideAHandler() {
    MelticaPipeline pipeline = meltica.pipeline();
    pipeline.subscribe(
        "releases itself",
        List.of(),
        (event, ctx) ->
            pipeline.recycler().recycle(event, event.generation(), RecycleReason.STRATEGY_HANDLED));
    TestEvents events = TestEvents.on(pipeline);
    meltica.leaks().expectRefusedReleases(pipeline.pool(), 100);

    for (int i = 0; i < 100; i++) {
      events.trade("BTC-USDT", "binance", 100, 1);
    }

    MelticaTestKit.awaitIdle(pipeline, Duration.ofSeconds(5));
    TestProbe<Object> poll = meltica.testKit().createTestProbe();
    poll.awaitAssert(
        () -> {
          assertThat(pipeline.metrics().failures().total()).as("SC-008: 100%").isEqualTo(100);
          return null;
        });
    assertThat(pipeline.recycler().recycledCount(RecycleReason.STRATEGY_HANDLED))
        .as("each envelope went back exactly once")
        .isEqualTo(100);
  }
}
