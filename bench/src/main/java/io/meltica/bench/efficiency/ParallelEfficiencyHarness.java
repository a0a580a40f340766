package io.meltica.bench.efficiency;

import com.typesafe.config.Config;
import io.meltica.actors.FanOutStats;
import io.meltica.actors.MelticaPipeline;
import io.meltica.actors.StrategyHandle;
import io.meltica.bench.BenchEvents;
import io.meltica.bench.BenchPipelines;
import io.meltica.bench.BusyWork;
import io.meltica.bench.PipelineRuns;
import io.meltica.bench.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Measures parallel efficiency with CPU-bound handlers through the pipeline's own {@link
 * FanOutStats}, every fan-out sampled ({@code meltica.router.fan-out-sample-every = 1}). Publishes
 * one event, waits until its fan-out has been measured to the end, then the next; the warm-up
 * fan-outs are discarded by taking the efficiency window once before the measured ones.
 *
 * <p>Not thread-safe: one scenario at a time, from one thread.
 */
public final class ParallelEfficiencyHarness {
  /** What the harness adds to the benchmark configuration. */
  public static final String SETTINGS = "meltica.router.fan-out-sample-every = 1";

  private static final Duration FAN_OUT_TIMEOUT = Duration.ofSeconds(60);

  private final PipelineRuns runs;

  /**
   * @param config must sample every fan-out: {@link BenchPipelines#config} of {@link #SETTINGS}
   */
  public ParallelEfficiencyHarness(ActorSystem<?> system, Config config) {
    if (config.getInt("meltica.router.fan-out-sample-every") != 1) {
      throw new IllegalArgumentException("parallel efficiency needs " + SETTINGS);
    }
    this.runs = new PipelineRuns(system, config);
  }

  public EfficiencyResult run(EfficiencyScenario scenario) {
    return runs.run("efficiency", pipeline -> run(scenario, pipeline));
  }

  private static EfficiencyResult run(EfficiencyScenario scenario, MelticaPipeline pipeline) {
    long workNanos = scenario.work().toNanos();
    List<StrategyHandle> strategies = new ArrayList<>();
    for (int i = 0; i < scenario.subscribers(); i++) {
      // The work's result goes to the strategy's own slot, so the JIT cannot drop it; not into
      // the event, which every strategy shares read-only (in debug mode a setter throws).
      long[] sink = new long[1];
      strategies.add(
          pipeline.subscribe(
              "cpu-bound-" + i, List.of(), (event, ctx) -> sink[0] += BusyWork.burnCpu(workNanos)));
    }
    FanOutStats stats = pipeline.metrics().fanOut();
    fanOuts(pipeline, scenario.warmupFanOuts(), scenario);
    stats.takeParallelEfficiency(); // discards the warm-up window
    long start = System.nanoTime();
    fanOuts(pipeline, scenario.measuredFanOuts(), scenario);
    double meanMillis = (System.nanoTime() - start) / 1e6 / scenario.measuredFanOuts();
    long failures = strategies.stream().mapToLong(s -> s.metrics().failures()).sum();
    if (failures > 0) { // a handler that threw measured nothing: no figure rather than a wrong one
      throw new IllegalStateException(failures + " handler calls threw; see the log");
    }
    return new EfficiencyResult(
        scenario, stats.takeParallelEfficiency(), stats.cores(), meanMillis);
  }

  private static void fanOuts(MelticaPipeline pipeline, int count, EfficiencyScenario scenario) {
    FanOutStats stats = pipeline.metrics().fanOut();
    for (int i = 0; i < count; i++) {
      long measuredBefore = stats.efficiencySamples();
      pipeline.publish(BenchEvents.trade(pipeline.acquire(), i, System.nanoTime()));
      Waits.until(
          () -> stats.efficiencySamples() > measuredBefore,
          FAN_OUT_TIMEOUT,
          "a fan-out to " + scenario.subscribers() + " CPU-bound subscribers");
    }
  }
}
