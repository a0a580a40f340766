package io.meltica.bench;

import io.meltica.bench.efficiency.EfficiencyScenario;
import java.time.Duration;
import java.util.List;

/**
 * What {@link HarnessMain} runs: the latency scenarios' rates and windows and the
 * parallel-efficiency scenarios. {@link #quick()} fits {@code run.sh --quick}'s three minutes with
 * the JMH part; {@link #full()} measures long enough to quote.
 *
 * @param jitWarmup one throwaway latency run at {@code jitWarmupRate} before any measured one
 * @param slowRates rates at which the one-slow-subscriber scenario runs
 * @param waitingSlowRates rates at which the one-slow-waiting scenario runs
 * @param slowFactor how many times the fast subscribers' mean handler time the slow one spins, and
 *     how many times the feed's period the waiting one parks
 * @param minSlowWork the least the slow subscriber spins, however fast the others are
 */
public record HarnessPlan(
    Duration jitWarmup,
    long jitWarmupRate,
    Duration warmup,
    Duration measure,
    int subscribers,
    List<Long> rates,
    List<Long> slowRates,
    List<Long> waitingSlowRates,
    double slowFactor,
    Duration minSlowWork,
    List<EfficiencyScenario> efficiency) {

  public HarnessPlan {
    rates = List.copyOf(rates);
    slowRates = List.copyOf(slowRates);
    waitingSlowRates = List.copyOf(waitingSlowRates);
    efficiency = List.copyOf(efficiency);
    if (!rates.containsAll(slowRates)) {
      throw new IllegalArgumentException(
          "the slow scenario's rates " + slowRates + " need a uniform run at each: " + rates);
    }
  }

  /** About 30 seconds. */
  public static HarnessPlan quick() {
    return new HarnessPlan(
        Duration.ofSeconds(2),
        50_000,
        Duration.ofSeconds(1),
        Duration.ofSeconds(3),
        10,
        List.of(10_000L, 50_000L, 100_000L),
        List.of(50_000L),
        List.of(50_000L),
        100,
        Duration.ofNanos(10_000),
        List.of(
            new EfficiencyScenario(5, Duration.ofMillis(10), 3, 15),
            new EfficiencyScenario(10, Duration.ofMillis(10), 3, 10)));
  }

  /** About three minutes. */
  public static HarnessPlan full() {
    return new HarnessPlan(
        Duration.ofSeconds(5),
        50_000,
        Duration.ofSeconds(3),
        Duration.ofSeconds(20),
        10,
        List.of(10_000L, 50_000L, 100_000L),
        List.of(10_000L, 50_000L, 100_000L),
        List.of(10_000L, 50_000L, 100_000L),
        100,
        Duration.ofNanos(10_000),
        List.of(
            new EfficiencyScenario(5, Duration.ofMillis(5), 10, 100),
            new EfficiencyScenario(5, Duration.ofMillis(20), 5, 50),
            new EfficiencyScenario(10, Duration.ofMillis(20), 5, 50),
            new EfficiencyScenario(6, Duration.ofMillis(50), 3, 30),
            new EfficiencyScenario(10, Duration.ofMillis(50), 3, 20)));
  }

  /** This plan at {@code only} these rates (the slow scenarios at those they already had). */
  public HarnessPlan atRates(List<Long> only) {
    return new HarnessPlan(
        jitWarmup,
        jitWarmupRate,
        warmup,
        measure,
        subscribers,
        only,
        slowRates.stream().filter(only::contains).toList(),
        waitingSlowRates.stream().filter(only::contains).toList(),
        slowFactor,
        minSlowWork,
        efficiency);
  }

  /**
   * @throws IllegalArgumentException naming the known modes
   */
  public static HarnessPlan ofMode(String mode) {
    return Options.byMode(mode, HarnessPlan::quick, HarnessPlan::full);
  }
}
