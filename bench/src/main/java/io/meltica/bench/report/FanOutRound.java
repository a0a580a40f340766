package io.meltica.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One interleaved round: each implementation measured once at N = 10, one fork each, back to back.
 * Its ratios compare forks minutes apart at most, so load that comes and goes lands on both sides
 * more often than in one long sequential pass. Immutable; build with {@link #of}.
 *
 * @param round 1-based
 * @param runs in the order they ran
 * @param ratios by {@link Ratio#key()}; null where a side was not measured
 */
public record FanOutRound(int round, List<RoundRun> runs, Map<String, Double> ratios) {

  public FanOutRound {
    runs = List.copyOf(runs);
    // Not Map.copyOf: it would reject a null ratio and lose the order.
    ratios = Collections.unmodifiableMap(new LinkedHashMap<>(ratios));
  }

  /** The round of {@code runs}, with its ratios computed. */
  public static FanOutRound of(int round, List<RoundRun> runs) {
    Map<String, Double> ratios = new LinkedHashMap<>();
    for (Ratio ratio : Ratio.values()) {
      ratios.put(ratio.key(), ratio.of(runs));
    }
    return new FanOutRound(round, runs, ratios);
  }

  public Double ratio(Ratio ratio) {
    return ratios.get(ratio.key());
  }
}
