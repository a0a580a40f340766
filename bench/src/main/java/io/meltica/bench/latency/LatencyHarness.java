package io.meltica.bench.latency;

import com.typesafe.config.Config;
import io.meltica.actors.MelticaPipeline;
import io.meltica.actors.StrategyMetrics;
import io.meltica.bench.BenchPipelines;
import io.meltica.bench.PipelineRuns;
import io.meltica.bench.Waits;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Runs {@link LatencyScenario}s, each on a fresh pipeline ({@link PipelineRuns}: the JIT stays warm
 * from one scenario to the next; the pool and its peak are new each time). The fast strategies and
 * the spinning slow one keep Meltica's default, lossless mailbox: a slow strategy holds its trades,
 * and since the harness publishes without the data bus's backpressure the pool grows past its
 * capacity instead of slowing ingest. The waiting slow strategy ({@code slow-waiting}) chooses
 * drop-oldest (see {@link io.meltica.bench.BenchPipelines}); the result counts what it lost as
 * {@code undelivered}.
 *
 * <p>Not thread-safe: one scenario at a time, from one thread, which is also the publisher.
 */
public final class LatencyHarness {
  /** Ring slots for completion tracking: more than the events of any run, so none is reused. */
  private static final int MAX_TRACKER_SLOTS = 1 << 23;

  /** The drain's bound when no strategy is slower than the rate: the pipeline only catches up. */
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

  private final ActorSystem<?> system;
  private final PipelineRuns runs;

  /**
   * @param config the benchmark configuration ({@link BenchPipelines#config}) pipelines start with
   */
  public LatencyHarness(ActorSystem<?> system, Config config) {
    this.system = system;
    this.runs = new PipelineRuns(system, config);
  }

  /** Runs {@code scenario} to the end (every published envelope back in the pool). */
  public LatencyResult run(LatencyScenario scenario) {
    return runs.run("latency", pipeline -> run(scenario, pipeline));
  }

  private LatencyResult run(LatencyScenario scenario, MelticaPipeline pipeline) {
    long total = scenario.warmupEvents() + scenario.measuredEvents();
    CompletionTracker tracker = new CompletionTracker(trackerSlots(total));
    LatencyProbe probe = new LatencyProbe(scenario.warmupEvents(), total, tracker);
    for (int i = 0; i < scenario.fastSubscribers(); i++) {
      pipeline.subscribe("fast-" + i, List.of(), probe.fastHandler());
    }
    if (scenario.hasSlowSubscriber()) {
      pipeline.subscribe(
          scenario.slowWaits() ? "slow-waiting" : "slow",
          List.of(),
          probe.slowHandler(scenario.slowWorkNanos(), scenario.slowWaits()));
    }
    SchedulePublisher publisher =
        scenario.throughDataBus()
            ? new DataBusPublisher(
                system, pipeline, tracker, scenario.fastSubscribers(), scenario.rate())
            : new FixedRatePublisher(
                pipeline, tracker, scenario.fastSubscribers(), scenario.rate());
    publisher.run(total);
    Waits.until(
        () -> pipeline.pool().inUse() == 0, drainTimeout(scenario), "the pipeline to drain");
    return new LatencyResult(
        scenario,
        probe.handlerStart(),
        probe.lastDone(),
        probe.slowHandlerStart(),
        publisher.sendLag(),
        pipeline.pool().peakUtilization(),
        pipeline.pool().capacity(),
        pipeline.pool().missCount(),
        total,
        total * scenario.subscribers() - delivered(pipeline),
        meanFastHandlerNanos(pipeline));
  }

  /**
   * A slow strategy that keeps every event (it spins instead of dropping) may still have most of
   * the run queued when publishing ends, and works it off at its own pace, which is slower on a
   * slower machine: its share is added to the bound, so that the run measures rather than fails.
   */
  static Duration drainTimeout(LatencyScenario scenario) {
    if (!scenario.hasSlowSubscriber() || scenario.slowWaits()) {
      return DRAIN_TIMEOUT;
    }
    long total = scenario.warmupEvents() + scenario.measuredEvents();
    return DRAIN_TIMEOUT.plusNanos(2 * total * scenario.slowWorkNanos());
  }

  private static int trackerSlots(long events) {
    long slots = Long.highestOneBit(Math.max(1024, events - 1)) << 1;
    return (int) Math.min(slots, MAX_TRACKER_SLOTS);
  }

  private static long delivered(MelticaPipeline pipeline) {
    return pipeline.metrics().strategies().stream().mapToLong(StrategyMetrics::delivered).sum();
  }

  private static double meanFastHandlerNanos(MelticaPipeline pipeline) {
    return pipeline.metrics().strategies().stream()
        .filter(consumer -> consumer.name().startsWith("fast-"))
        .mapToDouble(consumer -> consumer.processingTime().total().getMean())
        .average()
        .orElse(Double.NaN);
  }
}
