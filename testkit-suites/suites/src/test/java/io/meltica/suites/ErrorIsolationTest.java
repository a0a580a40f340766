package io.meltica.suites;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.actors.MelticaPipeline;
import io.meltica.actors.StrategyHandle;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.TraceIds;
import io.meltica.supervision.FailureAggregator;
import io.meltica.testkit.MelticaTestKit;
import io.meltica.testkit.TestEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

/** US4: one strategy's failures stay its own, and every failure is on record. */
@ExtendWith(LogCapturingExtension.class)
class ErrorIsolationTest {
  private static final Duration GENEROUS = Duration.ofSeconds(5);

  @RegisterExtension
  final MelticaTestKit meltica =
      MelticaTestKit.withConfig("meltica.orchestrator.merge.enabled = off");

  @Test
  void shouldNotBlockOrDelayTheOthersWhenOneStrategyFailsOnEveryEvent() {
    MelticaPipeline pipeline = meltica.pipeline();
    TestProbe<Long> healthy = meltica.testKit().createTestProbe();
    pipeline.subscribe(
        "broken",
        List.of(),
        (e, ctx) -> {
          throw new IllegalStateException("always");
        });
    pipeline.subscribe("a", List.of(), (e, ctx) -> healthy.ref().tell(e.venueSequence()));
    pipeline.subscribe("b", List.of(), (e, ctx) -> healthy.ref().tell(e.venueSequence()));
    TestEvents events = TestEvents.on(pipeline);

    for (int i = 0; i < 200; i++) {
      events.trade("BTC-USDT", "binance", 100, 1);
    }

    assertThat(healthy.receiveSeveralMessages(400, GENEROUS)).hasSize(400);
    MelticaTestKit.awaitIdle(pipeline, GENEROUS);
    assertThat(pipeline.metrics().strategies().get(0).failures()).isEqualTo(200);
    assertThat(pipeline.metrics().strategies().get(1).failures()).isZero();
  }

  @Test
  void shouldRecoverAPanickingStrategyAndLogThePanic() {
    MelticaPipeline pipeline = meltica.pipeline();
    TestProbe<String> handled = meltica.testKit().createTestProbe();
    pipeline.subscribe(
        "panics once",
        List.of(),
        (e, ctx) -> {
          if (e.venueSequence() == 0) {
            throw new IllegalArgumentException("panic: negative size");
          }
          handled.ref().tell("handled " + e.venueSequence());
        });
    TestEvents events = TestEvents.on(pipeline);

    LoggingTestKit.error(IllegalArgumentException.class)
        .withMessageContains("panic: negative size")
        .expect(meltica.testKit().system(), () -> events.trade("BTC-USDT", "binance", 100, 1));
    events.trade("BTC-USDT", "binance", 100, 1);

    handled.expectMessage("handled 1");
  }

  @Test
  void shouldAggregateTheFailuresOfSeveralStrategiesUnderOneTraceId() throws Exception {
    MelticaPipeline pipeline = meltica.pipeline();
    for (int i = 0; i < 3; i++) {
      pipeline.subscribe(
          "broken-" + i,
          List.of(),
          (e, ctx) -> {
            throw new IllegalStateException("broken");
          });
    }

    long trace = TestEvents.on(pipeline).trade("BTC-USDT", "binance", 100, 1);
    MelticaTestKit.awaitIdle(pipeline, GENEROUS);

    TestProbe<Object> poll = meltica.testKit().createTestProbe();
    poll.awaitAssert(
        () -> {
          FailureAggregator.Summary summary = summaryOf(pipeline);
          assertThat(summary.perTraceId()).containsEntry(trace, 3);
          assertThat(summary.perConsumer()).containsOnlyKeys(1, 2, 3);
          return null;
        });
  }

  @Test
  void shouldStopEveryStrategyAndRecycleTheEnvelopesInFlightOnShutdown() {
    MelticaPipeline pipeline = meltica.pipeline();
    List<StrategyHandle> strategies = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      strategies.add(pipeline.subscribe("slow-" + i, List.of(), (e, ctx) -> spin(200_000)));
    }
    TestEvents events = TestEvents.on(pipeline);
    for (int i = 0; i < 1_000; i++) {
      events.trade("BTC-USDT", "binance", 100, 1);
    }

    assertThat(pipeline.stop().toCompletableFuture())
        .succeedsWithin(GENEROUS)
        .isEqualTo(Done.done());

    TestProbe<Object> watcher = meltica.testKit().createTestProbe();
    strategies.forEach(strategy -> watcher.expectTerminated(strategy.ref(), GENEROUS));
    assertThat(pipeline.pool().inUse()).as(pipeline.pool().leakReport().toString()).isZero();
    assertThat(pipeline.recycler().recycledCount(RecycleReason.DEAD_LETTER))
        .as("envelopes still queued when the strategies stopped")
        .isPositive();
    assertThat(pipeline.publish(events.buildTrade("BTC-USDT", "okx", 1, 1)))
        .as("publishing after stop recycles")
        .isFalse();
  }

  @Test
  void shouldLogEveryFailureWithItsTraceIdAndStrategyId() {
    MelticaPipeline pipeline = meltica.pipeline();
    Set<String> failed = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < 2; i++) {
      pipeline.subscribe(
          "every-third-" + i,
          List.of(),
          (e, ctx) -> {
            if (e.venueSequence() % 3 == 0) {
              failed.add(TraceIds.format(e.traceId()) + "/" + ctx.strategyId());
              throw new IllegalStateException("third");
            }
          });
    }
    Set<String> logged = ConcurrentHashMap.newKeySet();
    TestEvents events = TestEvents.on(pipeline);

    LoggingTestKit.custom(
            log -> {
              Map<String, String> mdc = log.getMdc();
              boolean failure =
                  log.level() == Level.ERROR && log.message().contains("failed on TRADE");
              if (failure) {
                logged.add(mdc.get("trace_id") + "/" + mdc.get("strategy_id"));
              }
              return failure;
            })
        .withOccurrences(200)
        .expect(
            meltica.testKit().system(),
            () -> {
              for (int i = 0; i < 300; i++) {
                events.trade("BTC-USDT", "binance", 100, 1);
              }
              return null;
            });

    assertThat(failed).hasSize(200);
    assertThat(logged)
        .as("SC-006: every failure logged with trace_id and strategy_id")
        .isEqualTo(failed);
  }

  private static FailureAggregator.Summary summaryOf(MelticaPipeline pipeline) throws Exception {
    return pipeline.failureSummary().toCompletableFuture().get();
  }

  private static void spin(long nanos) {
    long start = System.nanoTime();
    while (System.nanoTime() - start < nanos) {
      Thread.onSpinWait();
    }
  }
}
