package io.meltica.app.report;

import io.meltica.simulation.SimulationReport;
import io.meltica.simulation.SimulationReport.CurvePoint;
import io.meltica.simulation.SimulationReport.FlipMark;
import io.meltica.simulation.SimulationReport.Sample;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The four charts of the HTML report, each an {@link SvgChart} fed from one part of a {@link
 * SimulationReport}. The element ids are stable: tests and readers' bookmarks rely on them.
 */
final class ReportCharts {

  static final String LATENCY_CURVE = "latency-curve";
  static final String EVENTS_PER_SECOND = "events-per-second";
  static final String POOL_UTILIZATION = "pool-utilization";
  static final String FLIP_WINDOW = "flip-window";

  /** Percentiles labelled on the latency chart's x axis when the data reaches them. */
  private static final double[] PERCENTILE_TICKS = {0, 50, 90, 99, 99.9, 99.99, 99.999, 99.9999};

  /** Seconds shown either side of the first and last flip. */
  private static final double FLIP_WINDOW_S = 10;

  private static final String TIME_TITLE = "time since start (s)";
  private static final String NO_SAMPLES = "no samples in this run";

  private ReportCharts() {}

  /**
   * Latency against percentile on a "nines" scale, x = -log10(1 - p/100), so that 90, 99, 99.9 and
   * 99.99 are evenly spaced and the tail gets as much room as the median. The 100th percentile (the
   * maximum) would lie infinitely far right; it goes one nine beyond the tail, labelled "max".
   */
  static String latencyCurve(SimulationReport report) {
    List<CurvePoint> curve = report.latencyCurve();
    double[] xs = curve.stream().mapToDouble(point -> nines(point.percentile())).toArray();
    double[] ys = curve.stream().mapToDouble(CurvePoint::latencyUs).toArray();
    double lo = Math.min(nines(50), minFinite(xs, nines(50)));
    double tail = Math.max(nines(99.99), maxFinite(xs, nines(99.99)));
    List<Axis.Tick> ticks = new ArrayList<>();
    for (double percentile : PERCENTILE_TICKS) {
      double at = nines(percentile);
      if (at >= lo && at <= tail) {
        String label = BigDecimal.valueOf(percentile).stripTrailingZeros().toPlainString();
        ticks.add(new Axis.Tick(at, label));
      }
    }
    double hi = tail;
    for (int i = 0; i < xs.length; i++) {
      if (curve.get(i).percentile() >= 100) {
        hi = tail + 1;
        xs[i] = hi;
      }
    }
    if (hi > tail) {
      ticks.add(new Axis.Tick(hi, "max"));
    }
    Axis x = new Axis("percentile (nines scale)", lo, hi, ticks);
    Axis y = Axis.linear("latency (µs)", 0, maxFinite(ys, 0));
    return new SvgChart(
            LATENCY_CURVE, "Latency, publish to handler start, all but consolidated quotes", x, y)
        .series("latency", SvgChart.BLUE, xs, ys)
        .whenEmpty("no latency samples in this run")
        .render();
  }

  static String eventsPerSecond(SimulationReport report) {
    List<Sample> timeline = report.timeline();
    double[] ys = column(timeline, Sample::eventsPerS);
    return new SvgChart(
            EVENTS_PER_SECOND,
            "Events handled by the router per second",
            timeAxis(timeline),
            Axis.linear("events/s", 0, maxFinite(ys, 0)))
        .series("events/s", SvgChart.BLUE, column(timeline, Sample::tS), ys)
        .whenEmpty(NO_SAMPLES)
        .render();
  }

  static String poolUtilization(SimulationReport report) {
    List<Sample> timeline = report.timeline();
    double[] percent = column(timeline, sample -> sample.poolUtilization() * 100);
    // The scale stays 0-100% so runs compare at a glance; misses can push it beyond 100%.
    Axis y =
        Axis.linear("envelopes in use (% of capacity)", 0, Math.max(100, maxFinite(percent, 0)));
    return new SvgChart(POOL_UTILIZATION, "Pool utilization", timeAxis(timeline), y)
        .series("utilization", SvgChart.BLUE, column(timeline, Sample::tS), percent)
        .threshold(80, "80% (SC-003)")
        .whenEmpty(NO_SAMPLES)
        .render();
  }

  /**
   * Delivered and filtered market data per second from {@link #FLIP_WINDOW_S} before the first flip
   * to as long after the last, with a marker at each flip: after a flip the filtered line should
   * jump while delivered dips at most briefly. The count axis is logarithmic because a few hundred
   * filtered events would otherwise vanish beside tens of thousands delivered.
   */
  static String flipWindow(SimulationReport report) {
    String title = "Market data delivered and filtered around routing flips";
    String yTitle = "market data per second (log scale)";
    List<FlipMark> flips = report.flips().stream().filter(f -> Double.isFinite(f.atS())).toList();
    if (flips.isEmpty()) {
      return new SvgChart(FLIP_WINDOW, title, timeAxis(report.timeline()), Axis.counts(yTitle, 0))
          .whenEmpty("no flips in this run")
          .render();
    }
    double[] flipTimes = flips.stream().mapToDouble(FlipMark::atS).toArray();
    double[] times = column(report.timeline(), Sample::tS);
    double firstFlip = minFinite(flipTimes, 0);
    double lastFlip = maxFinite(flipTimes, 0);
    // The window stays within the run, but always includes the flips themselves.
    double lo =
        Math.max(firstFlip - FLIP_WINDOW_S, Math.min(firstFlip, minFinite(times, firstFlip)));
    double hi = Math.min(lastFlip + FLIP_WINDOW_S, Math.max(lastFlip, maxFinite(times, lastFlip)));
    List<Sample> window =
        report.timeline().stream().filter(s -> s.tS() >= lo && s.tS() <= hi).toList();
    double[] delivered = column(window, sample -> Axis.logCount(sample.deliveredMarketData()));
    double[] filtered = column(window, sample -> Axis.logCount(sample.filteredMarketData()));
    long top =
        window.stream()
            .mapToLong(s -> Math.max(s.deliveredMarketData(), s.filteredMarketData()))
            .max()
            .orElse(0);
    SvgChart chart =
        new SvgChart(FLIP_WINDOW, title, Axis.linear(TIME_TITLE, lo, hi), Axis.counts(yTitle, top))
            .series("delivered", SvgChart.BLUE, column(window, Sample::tS), delivered)
            .series("filtered", SvgChart.ORANGE, column(window, Sample::tS), filtered)
            .whenEmpty("no samples around the flips");
    for (FlipMark flip : flips) {
      chart.marker(flip.atS(), "flip to v" + flip.version());
    }
    return chart.render();
  }

  /** Time from the start of the run (or the earliest sample) to the last sample. */
  private static Axis timeAxis(List<Sample> timeline) {
    double[] times = column(timeline, Sample::tS);
    return Axis.linear(TIME_TITLE, Math.min(0, minFinite(times, 0)), maxFinite(times, 0));
  }

  /** Infinite at 100 and NaN beyond: callers place the maximum themselves. */
  static double nines(double percentile) {
    return -Math.log10(1 - percentile / 100);
  }

  private static double[] column(List<Sample> samples, ToDoubleFunction<Sample> field) {
    return samples.stream().mapToDouble(field).toArray();
  }

  // NaN marks a value that could not be measured; Math.min/max would let it poison an axis.
  private static double maxFinite(double[] values, double none) {
    return Arrays.stream(values).filter(Double::isFinite).max().orElse(none);
  }

  private static double minFinite(double[] values, double none) {
    return Arrays.stream(values).filter(Double::isFinite).min().orElse(none);
  }
}
