package io.meltica.suites;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.actors.MelticaPipeline;
import io.meltica.actors.StrategyMetrics;
import io.meltica.pool.RecycleReason;
import io.meltica.testkit.MelticaTestKit;
import io.meltica.testkit.TestEvents;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * US2 at volume. SC-005: 100,000 events with 10% of handler calls failing leave no envelope, actor
 * or thread behind. SC-002: 1,000,000 events through 10 strategies do not grow the heap. Publishing
 * goes in batches, each awaited until the pipeline is idle, so the test measures the pipeline and
 * not an unbounded mailbox.
 */
@ExtendWith(LogCapturingExtension.class)
class SoakTest {
  private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(30);

  @RegisterExtension
  final MelticaTestKit meltica =
      MelticaTestKit.withConfig(
          "meltica.orchestrator.merge.enabled = off\n"
              + "meltica.pool.capacity = 65536\n"
              // every event must reach every strategy here: the counts are exact
              + "meltica.strategy.market-data.policy = unbounded");

  @Test
  void shouldLeakNothingAfterAHundredThousandEventsWithTenPercentOfHandlerCallsFailing() {
    MelticaPipeline pipeline = meltica.pipeline();
    AtomicLong thrown = new AtomicLong();
    for (int i = 0; i < 4; i++) {
      pipeline.subscribe(
          "flaky-" + i,
          List.of(),
          (event, ctx) -> {
            if (event.venueSequence() % 10 == ctx.strategyId() % 10) {
              thrown.incrementAndGet();
              throw new IllegalStateException("flaky on " + event.venueSequence());
            }
          });
    }

    publishInBatches(pipeline, 100_000, 5_000);

    assertThat(pipeline.pool().inUse()).isZero();
    assertThat(thrown.get()).isEqualTo(4 * 10_000);
    assertThat(pipeline.metrics().strategies().stream().mapToLong(StrategyMetrics::failures).sum())
        .isEqualTo(thrown.get());
    assertThat(pipeline.recycler().recycledCount(RecycleReason.STRATEGY_HANDLED))
        .as("each shared envelope once, after the last of its four handlers")
        .isEqualTo(100_000);
    // The extension then checks: system terminated, no envelope in use, no thread left behind.
  }

  @Test
  void shouldNotGrowTheHeapOverAMillionEventsThroughTenStrategies() {
    MelticaPipeline pipeline = meltica.pipeline();
    for (int i = 0; i < 10; i++) {
      pipeline.subscribe("strategy-" + i, List.of(), (event, ctx) -> {});
    }
    publishInBatches(pipeline, 100_000, 5_000);
    long afterWarmUp = usedHeapAfterGc();

    publishInBatches(pipeline, 900_000, 5_000);
    long atEnd = usedHeapAfterGc();

    assertThat(pipeline.pool().inUse()).isZero();
    assertThat(pipeline.metrics().router().deliveries()).isEqualTo(10_000_000);
    assertThat(pipeline.pool().missCount()).as("the pool was never empty").isZero();
    assertThat((double) atEnd)
        .as("used heap after GC: %d bytes after warm-up, %d at the end", afterWarmUp, atEnd)
        .isLessThanOrEqualTo(afterWarmUp * 1.10);
  }

  private static void publishInBatches(MelticaPipeline pipeline, int total, int batch) {
    TestEvents events = TestEvents.on(pipeline);
    for (int published = 0; published < total; published += batch) {
      for (int i = 0; i < batch; i++) {
        events.trade("BTC-USDT", "binance", 100, 1);
      }
      MelticaTestKit.awaitIdle(pipeline, BATCH_TIMEOUT);
    }
  }

  /** Used heap once a full collection has run, the smallest of three readings. */
  private static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long smallest = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      memory.gc();
      smallest = Math.min(smallest, memory.getHeapMemoryUsage().getUsed());
    }
    return smallest;
  }
}
