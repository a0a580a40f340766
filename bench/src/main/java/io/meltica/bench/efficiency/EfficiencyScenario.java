package io.meltica.bench.efficiency;

import java.time.Duration;

/**
 * One parallel-efficiency run: N CPU-bound subscribers, each burning {@code work} of CPU per event,
 * one fan-out at a time.
 *
 * @param warmupFanOuts fan-outs run first and discarded (JIT, thread start-up)
 * @param measuredFanOuts fan-outs whose efficiency is reported
 */
public record EfficiencyScenario(
    int subscribers, Duration work, int warmupFanOuts, int measuredFanOuts) {
  public EfficiencyScenario {
    if (subscribers < 1 || measuredFanOuts < 1 || warmupFanOuts < 0) {
      throw new IllegalArgumentException(
          "need >= 1 subscriber and measured fan-out, got " + subscribers + ", " + measuredFanOuts);
    }
  }
}
