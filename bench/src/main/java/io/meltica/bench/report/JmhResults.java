package io.meltica.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.meltica.bench.fanout.ConsumerWrapping;
import io.meltica.bench.fanout.ConsumerWrappingBenchmark;
import io.meltica.bench.fanout.FanOutBenchmark;
import io.meltica.bench.fanout.FanOutImpl;
import io.meltica.bench.pool.PoolBenchmark;
import io.meltica.bench.pool.PoolHandOffBenchmark;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Reads JMH's JSON result file ({@code -rf json}) into the {@code fanout}, {@code
 * consumer_wrapping} and {@code pool} entries of {@code latest.json}. Per-delivery and
 * per-hand-over figures are derived from JMH's per-operation ones: {@code gc.alloc.rate.norm} is
 * bytes per operation over every thread, so bytes per unit = norm × operations per second ÷ units
 * per second. Entries of other benchmarks are ignored. Immutable; build with {@link #parse}.
 */
public final class JmhResults {
  static final String GC_NORM = "gc.alloc.rate.norm";
  private static final String FAN_OUT = FanOutBenchmark.class.getName() + ".deliverBatch";
  private static final String WRAPPING =
      ConsumerWrappingBenchmark.class.getName() + ".deliverBatch";
  private static final String POOL = PoolBenchmark.class.getName() + ".";
  private static final String HAND_OFF = PoolHandOffBenchmark.class.getName() + ".";

  private final List<FanOutRow> fanOut;
  private final List<FanOutRow> consumerWrapping;
  private final List<PoolRow> pool;

  private JmhResults(List<FanOutRow> fanOut, List<FanOutRow> consumerWrapping, List<PoolRow> pool) {
    this.fanOut = List.copyOf(fanOut);
    this.consumerWrapping = List.copyOf(consumerWrapping);
    this.pool = List.copyOf(pool);
  }

  /** Parses the array JMH writes. */
  public static JmhResults parse(JsonNode root) {
    List<FanOutRow> fanOut = new ArrayList<>();
    List<FanOutRow> wrapping = new ArrayList<>();
    List<PoolRow> pool = new ArrayList<>();
    for (JsonNode entry : root) {
      String name = entry.path("benchmark").asText();
      if (name.equals(FAN_OUT)) {
        fanOut.add(deliveryRow(entry, "impl"));
      } else if (name.equals(WRAPPING)) {
        wrapping.add(deliveryRow(entry, "wrapping"));
      } else if (name.startsWith(POOL)) {
        pool.add(sameThreadRow(entry, name.substring(POOL.length())));
      } else if (name.startsWith(HAND_OFF)) {
        pool.add(handOffRow(entry, name.substring(HAND_OFF.length())));
      }
    }
    return new JmhResults(
        fanOutBeyondBareTell(fanOut),
        beyondBaseline(
            wrapping,
            label -> ConsumerWrapping.ofLabel(label).ordinal(),
            null,
            ConsumerWrapping.BARE.label()),
        sortedPool(pool));
  }

  /**
   * These results with {@code replacements} in the {@code fanout} table: each replaces the row of
   * the same implementation and subscriber count, if any (the interleaved rounds' median round over
   * a single pass that also measured N = 10), and Meltica's own allocation is derived again.
   */
  public JmhResults withFanOut(List<FanOutRow> replacements) {
    List<FanOutRow> rows = new ArrayList<>();
    for (FanOutRow row : fanOut) {
      boolean replaced =
          replacements.stream()
              .anyMatch(r -> r.impl().equals(row.impl()) && r.subscribers() == row.subscribers());
      if (!replaced) {
        rows.add(row.withOwnAllocation(null));
      }
    }
    rows.addAll(replacements);
    return new JmhResults(fanOutBeyondBareTell(rows), consumerWrapping, pool);
  }

  public List<FanOutRow> fanOut() {
    return fanOut;
  }

  public List<FanOutRow> consumerWrapping() {
    return consumerWrapping;
  }

  public List<PoolRow> pool() {
    return pool;
  }

  private static FanOutRow deliveryRow(JsonNode entry, String labelParam) {
    double batches = entry.path("primaryMetric").path("score").asDouble();
    JsonNode deliveries = entry.path("secondaryMetrics").path("deliveries");
    double perSecond = deliveries.path("score").asDouble();
    double error = deliveries.path("scoreError").asDouble(Double.NaN);
    return new FanOutRow(
        entry.path("params").path(labelParam).asText(),
        entry.path("params").path("subscribers").asInt(),
        Math.round(perSecond),
        Double.isNaN(error) ? null : (double) Math.round(error),
        perUnit(entry, batches, perSecond),
        null,
        FanOutRow.SINGLE_PASS);
  }

  private static PoolRow sameThreadRow(JsonNode entry, String method) {
    double ops = entry.path("primaryMetric").path("score").asDouble();
    String benchmark = method.equals("acquireRelease") ? "pooled-same-thread" : "new-same-thread";
    return new PoolRow(benchmark, 1, Math.round(ops), perUnit(entry, ops, ops));
  }

  /** A group: its primary score counts both threads, the producer method's its hand-overs. */
  private static PoolRow handOffRow(JsonNode entry, String group) {
    double ops = entry.path("primaryMetric").path("score").asDouble();
    boolean pooled = group.equals("pooled");
    String producer = pooled ? "acquireAndHandOver" : "allocateAndHandOver";
    double handOffs = entry.path("secondaryMetrics").path(producer).path("score").asDouble();
    String benchmark = pooled ? "pooled-cross-thread" : "new-cross-thread";
    return new PoolRow(benchmark, 2, Math.round(handOffs), perUnit(entry, ops, handOffs));
  }

  /** Same-thread before cross-thread, pooled before {@code new}, whatever order JMH ran them. */
  private static List<PoolRow> sortedPool(List<PoolRow> rows) {
    List<String> order =
        List.of("pooled-same-thread", "new-same-thread", "pooled-cross-thread", "new-cross-thread");
    List<PoolRow> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingInt(row -> order.indexOf(row.benchmark())));
    return sorted;
  }

  private static List<FanOutRow> fanOutBeyondBareTell(List<FanOutRow> rows) {
    return beyondBaseline(
        rows,
        label -> FanOutImpl.ofLabel(label).ordinal(),
        FanOutImpl.MELTICA.label(),
        FanOutImpl.PEKKO_BARE_TELL.label());
  }

  /** Bytes per unit of work, or null if the run had no GC profiler. */
  private static Double perUnit(JsonNode entry, double opsPerSecond, double unitsPerSecond) {
    JsonNode norm = entry.path("secondaryMetrics").path(GC_NORM);
    if (norm.isMissingNode() || unitsPerSecond <= 0) {
      return null;
    }
    return round(norm.path("score").asDouble() * opsPerSecond / unitsPerSecond);
  }

  /**
   * Sorts by subscribers, then label order, and fills in the allocation beyond {@code baseline}'s
   * at the same subscriber count, for {@code subject} only, or for every other row if null.
   */
  private static List<FanOutRow> beyondBaseline(
      List<FanOutRow> rows, ToIntFunction<String> order, String subject, String baseline) {
    Map<Integer, Double> floor = new HashMap<>();
    for (FanOutRow row : rows) {
      if (row.impl().equals(baseline)) {
        floor.put(row.subscribers(), row.allocBytesPerDelivery());
      }
    }
    List<FanOutRow> result = new ArrayList<>();
    for (FanOutRow row : rows) {
      Double base = floor.get(row.subscribers());
      boolean derived =
          (subject == null ? !row.impl().equals(baseline) : row.impl().equals(subject))
              && base != null
              && row.allocBytesPerDelivery() != null;
      result.add(derived ? row.withOwnAllocation(round(row.allocBytesPerDelivery() - base)) : row);
    }
    result.sort(
        Comparator.comparingInt(FanOutRow::subscribers)
            .thenComparingInt(row -> order.applyAsInt(row.impl())));
    return result;
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
