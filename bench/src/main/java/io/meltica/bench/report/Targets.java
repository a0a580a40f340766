package io.meltica.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.meltica.bench.fanout.ConsumerWrapping;
import io.meltica.bench.fanout.FanOutImpl;
import io.meltica.bench.latency.LatencyScenario;
import java.util.List;
import java.util.Optional;

/**
 * The targets the benchmark issue sets, evaluated on one run's figures. Numbers are recorded, never
 * gated: a missed target is reported in {@code latest.json} and explained in {@code
 * docs/performance.md}, it does not fail a build. Stateless.
 */
public final class Targets {
  static final int FAN_OUT_SUBSCRIBERS = 10;
  static final long LATENCY_RATE = 50_000;
  static final long UTILIZATION_RATE = 100_000;
  static final int LATENCY_SUBSCRIBERS = 10;

  /** Allocation figures from {@code -prof gc} wobble by a byte or so between runs. */
  static final double ALLOCATION_TOLERANCE_BYTES = 1.0;

  private Targets() {}

  /**
   * @param consumerWrapping the strategy-wrapping rows: Meltica's full nesting against a bare
   *     consumer, one tell each, isolates what Meltica itself allocates per delivery
   */
  public static List<TargetResult> evaluate(
      List<FanOutRow> fanOut, List<FanOutRow> consumerWrapping, JsonNode latency) {
    Double vsPlain = ratio(fanOut, FanOutImpl.PEKKO_PLAIN);
    Double vsDisruptor = ratio(fanOut, FanOutImpl.DISRUPTOR);
    Double ownAllocation =
        fanOut.stream()
            .map(FanOutRow::ownAllocBytesPerDelivery)
            .filter(value -> value != null)
            .max(Double::compare)
            .orElse(null);
    Double strategyAllocation =
        consumerWrapping.stream()
            .filter(row -> row.impl().equals(ConsumerWrapping.LAZY_MDC.label()))
            .map(FanOutRow::ownAllocBytesPerDelivery)
            .filter(value -> value != null)
            .findFirst()
            .orElse(null);
    Double p99 = uniformLatency(latency, LATENCY_RATE, "p99_us");
    Double utilization = uniformLatency(latency, UTILIZATION_RATE, "pool_peak_utilization");
    return List.of(
        new TargetResult(
            "fan-out deliveries/s, Meltica ÷ plain Pekko, N = 10",
            ">= 1.0",
            vsPlain,
            vsPlain != null && vsPlain >= 1.0),
        new TargetResult(
            "fan-out deliveries/s, Meltica ÷ Disruptor, N = 10",
            ">= 0.5",
            vsDisruptor,
            vsDisruptor != null && vsDisruptor >= 0.5),
        new TargetResult(
            "Meltica's own allocation, B/delivery (worst N, minus bare tell)",
            "<= 0 (±" + ALLOCATION_TOLERANCE_BYTES + ")",
            ownAllocation,
            ownAllocation != null && ownAllocation <= ALLOCATION_TOLERANCE_BYTES),
        new TargetResult(
            "Meltica's own allocation at the strategy, B/delivery (its wrapping minus bare, N = 10)",
            "<= 0 (±" + ALLOCATION_TOLERANCE_BYTES + ")",
            strategyAllocation,
            strategyAllocation != null && strategyAllocation <= ALLOCATION_TOLERANCE_BYTES),
        new TargetResult(
            "p99 publish → handler start at 50k events/s, 10 subscribers, µs",
            "<= 100",
            p99,
            p99 != null && p99 <= 100),
        new TargetResult(
            "pool peak utilization at 100k events/s, 10 subscribers",
            "< 0.8",
            utilization,
            utilization != null && utilization < 0.8));
  }

  /** Meltica's deliveries per second over {@code other}'s at N = 10. */
  private static Double ratio(List<FanOutRow> fanOut, FanOutImpl other) {
    Optional<FanOutRow> meltica = row(fanOut, FanOutImpl.MELTICA);
    Optional<FanOutRow> baseline = row(fanOut, other);
    if (meltica.isEmpty() || baseline.isEmpty() || baseline.get().deliveriesPerS() <= 0) {
      return null;
    }
    return JmhResults.round(meltica.get().deliveriesPerS() / baseline.get().deliveriesPerS());
  }

  private static Optional<FanOutRow> row(List<FanOutRow> fanOut, FanOutImpl impl) {
    return fanOut.stream()
        .filter(r -> r.impl().equals(impl.label()) && r.subscribers() == FAN_OUT_SUBSCRIBERS)
        .findFirst();
  }

  private static Double uniformLatency(JsonNode latency, long rate, String field) {
    for (JsonNode entry : latency) {
      if (entry.path("rate").asLong() == rate
          && entry.path("subscribers").asInt() == LATENCY_SUBSCRIBERS
          && entry.path("scenario").asText().equals(LatencyScenario.UNIFORM)
          && entry.has(field)) {
        return entry.path(field).asDouble();
      }
    }
    return null;
  }
}
