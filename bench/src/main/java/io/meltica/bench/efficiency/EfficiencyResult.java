package io.meltica.bench.efficiency;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one {@link EfficiencyScenario}: Σ handler CPU time ÷ (fan-out wall time × min(N,
 * cores)) over the measured fan-outs, as the pipeline's {@code FanOutStats} computes it.
 *
 * @param meanFanOutMillis wall time per measured fan-out, publish to last handler done
 */
public record EfficiencyResult(
    EfficiencyScenario scenario, double efficiency, int cores, double meanFanOutMillis) {

  /** The JSON entry of {@code parallel_efficiency} in {@code latest.json}. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("subscribers", scenario.subscribers());
    json.put("work_ms", scenario.work().toNanos() / 1_000_000.0);
    json.put("cores", cores);
    json.put("warmup_fan_outs", scenario.warmupFanOuts());
    json.put("measured_fan_outs", scenario.measuredFanOuts());
    json.put("efficiency", Math.round(efficiency * 10_000) / 10_000.0);
    json.put("mean_fan_out_ms", Math.round(meanFanOutMillis * 100) / 100.0);
    return json;
  }
}
