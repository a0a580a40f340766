package io.meltica.testkit.sim;

import io.meltica.actors.ConsumerMetrics;
import io.meltica.actors.PipelineMetrics;
import io.meltica.actors.bus.BusStats;
import io.meltica.pool.EventPool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Turns a finished run's measurements into a {@link SimulationReport}. */
final class ReportAssembler {
  private static final double[] CURVE = {50, 75, 90, 95, 99, 99.9, 99.99, 100};

  private ReportAssembler() {}

  /**
   * @param durationS wall time from start to the end of ingest
   * @param rejected rejected input lines per reason (empty for synthetic venues)
   */
  static SimulationReport assemble(RunState run, double durationS, Map<String, Long> rejected) {
    PipelineMetrics metrics = run.pipeline.metrics();
    BusStats bus = run.bus;
    long deliveredCritical = 0;
    long deliveredMarketData = 0;
    long filtered = 0;
    Map<String, SimulationReport.Drops> drops = new HashMap<>();
    for (ConsumerMetrics consumer : metrics.consumers()) {
      deliveredCritical += consumer.deliveredCritical();
      deliveredMarketData += consumer.deliveredMarketData();
      filtered += consumer.filtered();
      drops.merge(
          consumer.name(),
          new SimulationReport.Drops(consumer.conflated(), consumer.overflowed()),
          (a, b) ->
              new SimulationReport.Drops(
                  a.conflated() + b.conflated(), a.overflowed() + b.overflowed()));
    }
    Histogram latency = metrics.fanOut().publishLatency().total();
    return new SimulationReport(
        new SimulationReport.Published(
            bus.publishedTotal(), bus.publishedMarketData(), bus.publishedCritical()),
        new SimulationReport.Delivered(deliveredMarketData, deliveredCritical),
        new SimulationReport.Critical(
            bus.publishedCritical() + run.criticalFromFlips, deliveredCritical),
        new SimulationReport.Flip(
            filtered + run.flipWatch.staleDelivered(), run.flipWatch.staleDelivered()),
        filtered,
        new SimulationReport.MailboxDrops(
            drops.values().stream().mapToLong(SimulationReport.Drops::conflated).sum(),
            drops.values().stream().mapToLong(SimulationReport.Drops::overflowed).sum(),
            drops),
        new SimulationReport.Failures(metrics.failures().total(), metrics.failures().withTraceId()),
        pool(metrics.pool()),
        latency(latency),
        durationS > 0 ? metrics.router().events() / durationS : 0,
        new SimulationReport.Rejected(
            rejected.values().stream().mapToLong(Long::longValue).sum(), rejected),
        -1,
        durationS,
        run.timeline,
        run.flips,
        curve(latency));
  }

  private static SimulationReport.Pool pool(EventPool pool) {
    return new SimulationReport.Pool(
        pool.capacity(),
        pool.peakInUse(),
        pool.peakUtilization(),
        pool.inUse(),
        pool.missCount(),
        pool.doubleReleaseCount(),
        pool.staleReleaseCount(),
        pool.unaccountedCount());
  }

  private static SimulationReport.Latency latency(Histogram histogram) {
    return new SimulationReport.Latency(
        micros(histogram, 50),
        micros(histogram, 95),
        micros(histogram, 99),
        micros(histogram, 99.9),
        histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue() / 1e3);
  }

  private static List<SimulationReport.CurvePoint> curve(Histogram histogram) {
    List<SimulationReport.CurvePoint> points = new ArrayList<>();
    if (histogram.getTotalCount() > 0) {
      for (double percentile : CURVE) {
        points.add(new SimulationReport.CurvePoint(percentile, micros(histogram, percentile)));
      }
    }
    return points;
  }

  private static double micros(Histogram histogram, double percentile) {
    return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1e3;
  }
}
