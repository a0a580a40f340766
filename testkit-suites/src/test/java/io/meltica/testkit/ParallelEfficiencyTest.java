package io.meltica.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.actors.FanOutStats;
import io.meltica.actors.MelticaPipeline;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * US1, SC-009: with CPU-bound handlers, a fan-out to five or more strategies keeps the cores busy:
 * Σ handler CPU time ÷ (fan-out wall time × min(N, cores)) above 90%.
 */
@ExtendWith(LogCapturingExtension.class)
class ParallelEfficiencyTest {
  private static final int SUBSCRIBERS = 6;
  private static final int WARM_UP_FAN_OUTS = 3;
  private static final int FAN_OUTS = 8;

  /**
   * Work units per event: about 55 ms of CPU on these machines, long enough that waking six threads
   * (a few ms) is not what is measured.
   */
  private static final int WORK = 50_000_000;

  @RegisterExtension
  final MelticaTestKit meltica =
      MelticaTestKit.withConfig(
          "meltica.orchestrator.merge.enabled = off\nmeltica.router.fan-out-sample-every = 1");

  @Test
  void shouldKeepParallelEfficiencyAboveNinetyPercentWithSixCpuBoundSubscribers() {
    MelticaPipeline pipeline = meltica.pipeline();
    TestProbe<Long> done = meltica.testKit().createTestProbe();
    for (int i = 0; i < SUBSCRIBERS; i++) {
      pipeline.subscribe("cpu-" + i, List.of(), (event, ctx) -> done.ref().tell(burn(WORK)));
    }
    FanOutStats stats = pipeline.metrics().fanOut();
    fanOut(pipeline, done, WARM_UP_FAN_OUTS); // the JIT compiles the handlers' loop
    stats.takeParallelEfficiency();

    fanOut(pipeline, done, FAN_OUTS);

    assertThat(stats.efficiencySamples()).isEqualTo(WARM_UP_FAN_OUTS + FAN_OUTS);
    assertThat(stats.takeParallelEfficiency())
        .as("efficiency on %d cores", stats.cores())
        .isGreaterThan(0.90);
  }

  /** One fan-out at a time, each awaited, so that each is measured alone. */
  private static void fanOut(MelticaPipeline pipeline, TestProbe<Long> done, int times) {
    TestEvents events = TestEvents.on(pipeline);
    for (int i = 0; i < times; i++) {
      events.trade("BTC-USDT", "binance", 100, 1);
      done.receiveSeveralMessages(SUBSCRIBERS, Duration.ofSeconds(20));
    }
    MelticaTestKit.awaitIdle(pipeline, Duration.ofSeconds(5));
  }

  /** CPU-bound work whose result the JIT cannot drop. */
  private static long burn(long units) {
    long x = units;
    for (long i = 0; i < units; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
    }
    return x;
  }
}
