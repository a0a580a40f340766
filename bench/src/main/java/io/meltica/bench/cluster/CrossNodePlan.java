package io.meltica.bench.cluster;

import io.meltica.bench.Options;
import java.time.Duration;
import java.util.List;

/**
 * What {@link CrossNodeMain} runs on two nodes: a warm-up, latency at fixed rates, and a throughput
 * burst.
 *
 * @param strategies sharded strategies, spread by sharding over the two nodes
 * @param warmupRate events per second of the warm-up (JIT, connections, entities started)
 * @param rates the latency runs' rates, events per second from the publishing node
 * @param settle the first part of each latency run, not measured
 * @param measure the measured part of each latency run
 * @param burstEvents events published as fast as the pools allow, for throughput
 * @param burstInFlight the most envelopes in use on both nodes together during the burst
 */
public record CrossNodePlan(
    int strategies,
    long warmupRate,
    Duration warmup,
    List<Long> rates,
    Duration settle,
    Duration measure,
    long burstEvents,
    int burstInFlight) {

  public CrossNodePlan {
    rates = List.copyOf(rates);
  }

  /** About 20 seconds. */
  public static CrossNodePlan quick() {
    return new CrossNodePlan(
        4,
        5_000,
        Duration.ofSeconds(2),
        List.of(5_000L, 20_000L),
        Duration.ofSeconds(1),
        Duration.ofSeconds(3),
        150_000,
        4_096);
  }

  /** About a minute and a half. */
  public static CrossNodePlan full() {
    return new CrossNodePlan(
        4,
        5_000,
        Duration.ofSeconds(10),
        List.of(5_000L, 20_000L, 50_000L),
        Duration.ofSeconds(3),
        Duration.ofSeconds(15),
        2_000_000,
        4_096);
  }

  /**
   * @throws IllegalArgumentException naming the known modes
   */
  public static CrossNodePlan ofMode(String mode) {
    return Options.byMode(mode, CrossNodePlan::quick, CrossNodePlan::full);
  }
}
