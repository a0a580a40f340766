package io.meltica.simulation;

import io.meltica.actors.FanOutStats;
import io.meltica.actors.MelticaSettings;
import io.meltica.protocol.EventKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The latency part of a {@link SimulationReport}, from one publish → handler histogram per event
 * kind. The headline is every kind the distributor alone answers for ({@link
 * FanOutStats#isDistributorKind}); consolidated quotes, which also wait for the merge window, are
 * reported apart, so that a 50 ms window does not read as a slow distributor.
 */
final class LatencyFigures {
  private static final double[] CURVE = {50, 75, 90, 95, 99, 99.9, 99.99, 100};

  private final Map<EventKind, Histogram> byKind;
  private final Histogram headline = empty();
  private final double mergeWindowMs;

  /**
   * @param byKind everything recorded per kind, in nanoseconds; a kind left out had no samples
   * @param mergeWindowMs the configured merge window, NaN when merging is off or unknown
   */
  LatencyFigures(Map<EventKind, Histogram> byKind, double mergeWindowMs) {
    this.byKind = new EnumMap<>(EventKind.class);
    this.byKind.putAll(byKind);
    this.mergeWindowMs = mergeWindowMs;
    for (Map.Entry<EventKind, Histogram> kind : this.byKind.entrySet()) {
      if (FanOutStats.isDistributorKind(kind.getKey())) {
        headline.add(kind.getValue());
      }
    }
  }

  /** What a pipeline recorded so far, and the merge window it was configured with. */
  static LatencyFigures of(FanOutStats fanOut, MelticaSettings settings) {
    Map<EventKind, Histogram> byKind = new EnumMap<>(EventKind.class);
    for (EventKind kind : EventKind.values()) {
      byKind.put(kind, fanOut.publishLatency(kind).total());
    }
    double window = settings.mergeEnabled() ? settings.mergeTimeout().toNanos() / 1e6 : Double.NaN;
    return new LatencyFigures(byKind, window);
  }

  /** Every kind but consolidated quotes. */
  SimulationReport.Latency headline() {
    return latency(headline);
  }

  SimulationReport.ConsolidatedQuotes consolidatedQuotes() {
    Histogram consolidated = byKind.get(EventKind.CONSOLIDATED_QUOTE);
    return new SimulationReport.ConsolidatedQuotes(
        mergeWindowMs, latency(consolidated != null ? consolidated : empty()));
  }

  /** One row per kind with at least one sample, in {@code EventKind} order. */
  List<SimulationReport.KindLatency> byKind() {
    List<SimulationReport.KindLatency> rows = new ArrayList<>();
    for (Map.Entry<EventKind, Histogram> kind : byKind.entrySet()) {
      Histogram histogram = kind.getValue();
      if (histogram.getTotalCount() > 0) {
        rows.add(
            new SimulationReport.KindLatency(
                kind.getKey().name().toLowerCase(Locale.ROOT),
                histogram.getTotalCount(),
                micros(histogram, 50),
                micros(histogram, 99),
                micros(histogram, 99.9),
                histogram.getMaxValue() / 1e3));
      }
    }
    return rows;
  }

  /** The headline distribution as percentile points, empty without samples. */
  List<SimulationReport.CurvePoint> curve() {
    List<SimulationReport.CurvePoint> points = new ArrayList<>();
    if (headline.getTotalCount() > 0) {
      for (double percentile : CURVE) {
        points.add(new SimulationReport.CurvePoint(percentile, micros(headline, percentile)));
      }
    }
    return points;
  }

  private static SimulationReport.Latency latency(Histogram histogram) {
    return new SimulationReport.Latency(
        histogram.getTotalCount(),
        micros(histogram, 50),
        micros(histogram, 95),
        micros(histogram, 99),
        micros(histogram, 99.9),
        histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue() / 1e3);
  }

  /** Three digits like the pipeline's windows; it grows to hold whatever is added to it. */
  private static Histogram empty() {
    return new Histogram(3);
  }

  private static double micros(Histogram histogram, double percentile) {
    return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1e3;
  }
}
