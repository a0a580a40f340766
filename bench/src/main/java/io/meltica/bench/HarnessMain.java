package io.meltica.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import io.meltica.bench.efficiency.EfficiencyScenario;
import io.meltica.bench.efficiency.ParallelEfficiencyHarness;
import io.meltica.bench.latency.LatencyHarness;
import io.meltica.bench.latency.LatencyResult;
import io.meltica.bench.latency.LatencyScenario;
import io.meltica.bench.soak.SoakHarness;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Runs the latency and parallel-efficiency harnesses (not JMH: they measure distributions and
 * ratios over a fixed schedule, not operations per second) and writes their results as JSON: {@code
 * {"latency": [...], "parallel_efficiency": [...]}}.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.meltica.bench.HarnessMain --mode quick --out h.json
 * </pre>
 *
 * <p>{@code --rates 50000} runs the latency scenarios at those rates only (for profiling one).
 * {@code --soak-minutes 10} adds the soak ({@link SoakHarness}: 50k events/s to 10 strategies, heap
 * after a full GC every minute) as {@code "soak"}; {@code --soak-only true} runs only it.
 *
 * <p>Runs everything on the main thread, one scenario after another, on one ActorSystem.
 */
public final class HarnessMain {
  private static final long SOAK_RATE = 50_000;

  private HarnessMain() {}

  public static void main(String[] args) throws IOException {
    Options options = Options.parse(args);
    HarnessPlan plan = HarnessPlan.ofMode(options.optional("mode", "quick"));
    String rates = options.optional("rates", "");
    if (!rates.isEmpty()) {
      plan = plan.atRates(Arrays.stream(rates.split(",")).map(Long::valueOf).toList());
    }
    int soakMinutes = Integer.parseInt(options.optional("soak-minutes", "0"));
    boolean soakOnly = Boolean.parseBoolean(options.optional("soak-only", "false"));
    Map<String, Object> results = soakOnly ? new LinkedHashMap<>() : run(plan, System.out::println);
    if (soakMinutes > 0) {
      results.put("soak", soak(Duration.ofMinutes(soakMinutes), plan.subscribers()));
      System.out.println("soak " + results.get("soak"));
    }
    write(results, Path.of(options.required("out")));
  }

  /** Runs {@code plan}; reports progress, one line per scenario, to {@code progress}. */
  public static Map<String, Object> run(HarnessPlan plan, Consumer<String> progress) {
    Config latencyConfig = BenchPipelines.config("");
    Config efficiencyConfig = BenchPipelines.config(ParallelEfficiencyHarness.SETTINGS);
    ActorSystem<Void> system = BenchPipelines.newSystem("bench-harness", latencyConfig);
    try {
      Map<String, Object> results = new LinkedHashMap<>();
      results.put("latency", latency(new LatencyHarness(system, latencyConfig), plan, progress));
      results.put(
          "parallel_efficiency",
          efficiency(new ParallelEfficiencyHarness(system, efficiencyConfig), plan, progress));
      return results;
    } finally {
      BenchPipelines.terminate(system);
    }
  }

  private static List<Map<String, Object>> latency(
      LatencyHarness harness, HarnessPlan plan, Consumer<String> progress) {
    harness.run(
        LatencyScenario.uniform(
            plan.jitWarmupRate(), plan.subscribers(), Duration.ZERO, plan.jitWarmup()));
    List<Map<String, Object>> entries = new ArrayList<>();
    Map<Long, Double> handlerMeanByRate = new HashMap<>();
    long poolBoundRate = plan.rates().get(plan.rates().size() - 1);
    for (long rate : plan.rates()) {
      LatencyScenario uniform =
          LatencyScenario.uniform(rate, plan.subscribers(), plan.warmup(), plan.measure());
      // The highest rate is where the pool is at stake: fed as in production, with backpressure.
      LatencyResult result = harness.run(rate == poolBoundRate ? uniform.viaDataBus() : uniform);
      handlerMeanByRate.put(rate, result.handlerMeanNanos());
      entries.add(report(result, progress));
    }
    for (long rate : plan.slowRates()) {
      long slowWork =
          Math.max(
              plan.minSlowWork().toNanos(),
              Math.round(plan.slowFactor() * handlerMeanByRate.get(rate)));
      entries.add(
          report(
              harness.run(
                  LatencyScenario.oneSlow(
                      rate, plan.subscribers(), slowWork, plan.warmup(), plan.measure())),
              progress));
    }
    for (long rate : plan.waitingSlowRates()) {
      long wait = Math.round(plan.slowFactor() * 1e9 / rate); // 100x slower than the feed
      entries.add(
          report(
              harness.run(
                  LatencyScenario.oneSlowWaiting(
                      rate, plan.subscribers(), wait, plan.warmup(), plan.measure())),
              progress));
    }
    return entries;
  }

  /** The soak on an ActorSystem of its own, at the rate of the p99 target. */
  private static Map<String, Object> soak(Duration window, int strategies) {
    Config config = BenchPipelines.config("");
    ActorSystem<Void> system = BenchPipelines.newSystem("bench-soak", config);
    try {
      return new SoakHarness(new PipelineRuns(system, config))
          .run(SOAK_RATE, strategies, window, Duration.ofMinutes(1));
    } finally {
      BenchPipelines.terminate(system);
    }
  }

  private static List<Map<String, Object>> efficiency(
      ParallelEfficiencyHarness harness, HarnessPlan plan, Consumer<String> progress) {
    List<Map<String, Object>> entries = new ArrayList<>();
    for (EfficiencyScenario scenario : plan.efficiency()) {
      Map<String, Object> entry = harness.run(scenario).toJson();
      progress.accept("parallel efficiency " + entry);
      entries.add(entry);
    }
    return entries;
  }

  private static Map<String, Object> report(LatencyResult result, Consumer<String> progress) {
    Map<String, Object> entry = result.toJson();
    progress.accept("latency " + entry);
    return entry;
  }

  /** Writes {@code results} as indented JSON. */
  public static void write(Object results, Path file) throws IOException {
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), results);
  }
}
