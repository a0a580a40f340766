package io.meltica.simulation;

import io.meltica.actors.LatencyWindow;
import io.meltica.actors.MelticaPipeline;
import io.meltica.actors.PipelineMetrics;
import io.meltica.actors.StrategyMetrics;
import io.meltica.ingest.BusStats;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What a run has measured so far: the per-second samples and the flip marks, plus the counters read
 * back from the pipeline. Owned by the simulation driver actor.
 */
final class RunState {
  final MelticaPipeline pipeline;
  final BusStats bus;
  final FlipWatch flipWatch;
  private final LatencyWindow.Reader latency;
  final long startNanos = System.nanoTime();
  final List<SimulationReport.Sample> timeline = new ArrayList<>();
  final List<SimulationReport.FlipMark> flips = new ArrayList<>();
  long criticalFromFlips;
  private long lastRouterEvents;
  private long lastDelivered;
  private long lastFiltered;
  private long lastFailures;
  private long lastSampleNanos = startNanos;

  RunState(MelticaPipeline pipeline, BusStats bus, FlipWatch flipWatch) {
    this.pipeline = pipeline;
    this.bus = bus;
    this.flipWatch = flipWatch;
    // The progress line's p99 follows the headline: consolidated quotes' merge wait left out.
    this.latency = pipeline.metrics().fanOut().distributorLatency().newReader();
  }

  double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Records one timeline sample covering the time since the previous one. */
  Progress sample() {
    PipelineMetrics metrics = pipeline.metrics();
    long now = System.nanoTime();
    double seconds = Math.max(1e-9, (now - lastSampleNanos) / 1e9);
    long events = metrics.router().events();
    long delivered = sum(metrics, true);
    long filtered = sum(metrics, false);
    long failures = metrics.failures().total();
    Histogram window = latency.next();
    double p99Us = window.getTotalCount() == 0 ? 0 : window.getValueAtPercentile(99) / 1e3;
    double utilization = pipeline.pool().utilization();
    double eventsPerS = (events - lastRouterEvents) / seconds;
    timeline.add(
        new SimulationReport.Sample(
            elapsedSeconds(),
            eventsPerS,
            utilization,
            delivered - lastDelivered,
            filtered - lastFiltered,
            failures - lastFailures,
            p99Us));
    lastRouterEvents = events;
    lastDelivered = delivered;
    lastFiltered = filtered;
    lastFailures = failures;
    lastSampleNanos = now;
    return new Progress(elapsedSeconds(), eventsPerS, p99Us, utilization, failures);
  }

  /** Market data delivered (true) or filtered (false), over every strategy. */
  static long sum(PipelineMetrics metrics, boolean delivered) {
    long total = 0;
    for (StrategyMetrics consumer : metrics.strategies()) {
      total += delivered ? consumer.deliveredMarketData() : consumer.filtered();
    }
    return total;
  }
}
