package io.meltica.simulation;

import io.meltica.actors.PipelineMetrics;
import io.meltica.actors.StrategyMetrics;
import io.meltica.ingest.BusStats;
import io.meltica.pool.EventPool;
import io.meltica.protocol.counters.Counters;
import io.meltica.protocol.counters.Metric;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Turns a finished run's measurements into a {@link SimulationReport}. */
final class ReportAssembler {
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
    for (StrategyMetrics consumer : metrics.strategies()) {
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
    LatencyFigures latency = LatencyFigures.of(metrics.fanOut(), run.pipeline.settings());
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
        pool(run.pipeline.pool()),
        latency.headline(),
        latency.consolidatedQuotes(),
        latency.byKind(),
        durationS > 0 ? metrics.router().events() / durationS : 0,
        new SimulationReport.Rejected(
            rejected.values().stream().mapToLong(Long::longValue).sum(), rejected),
        -1,
        durationS,
        run.timeline,
        run.flips,
        latency.curve(),
        totals(metrics.counters()));
  }

  /** Every running total of the registry, keyed by name and sorted labels. */
  private static Map<String, Long> totals(Counters counters) {
    Map<String, Long> totals = new TreeMap<>();
    for (Metric metric : counters.all()) {
      if (metric instanceof Metric.Counter counter) {
        totals.put(metric.key(), counter.total().getAsLong());
      }
    }
    return totals;
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
}
