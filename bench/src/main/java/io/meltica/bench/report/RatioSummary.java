package io.meltica.bench.report;

import io.meltica.bench.latency.LatencyResult;
import java.util.List;
import java.util.Optional;

/**
 * One fan-out ratio over the interleaved rounds of a run: how far it moved as well as where it sat.
 * A single ratio from one sequential pass moved 8× between runs on two shared cores; the spread
 * says how much of that a run saw. Immutable; build with {@link #of}.
 *
 * @param rounds how many rounds had the ratio
 * @param median the middle round's ratio (the mean of the two middle ones for an even count)
 * @param spread (max − min) ÷ median: 0.1 means the rounds disagree by 10 % of the median; null
 *     when the median is 0
 */
public record RatioSummary(int rounds, double median, double min, double max, Double spread) {

  /** The summary of {@code ratios}, or empty when there are none. */
  public static Optional<RatioSummary> of(List<Double> ratios) {
    if (ratios.isEmpty()) {
      return Optional.empty();
    }
    List<Double> sorted = ratios.stream().sorted().toList();
    int n = sorted.size();
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    double min = sorted.get(0);
    double max = sorted.get(n - 1);
    Double spread = median > 0 ? LatencyResult.round((max - min) / median, 3) : null;
    return Optional.of(new RatioSummary(n, LatencyResult.round(median, 4), min, max, spread));
  }

  /**
   * "yes" only when every round meets {@code rule}, "no" when none does, "undecided" otherwise. For
   * a threshold rule checking the two ends suffices: for {@code >=} that is "the minimum meets it"
   * and "the maximum misses it".
   */
  public Verdict verdict(Rule rule) {
    boolean lowMeets = rule.test(min);
    boolean highMeets = rule.test(max);
    if (lowMeets && highMeets) {
      return Verdict.YES;
    }
    return !lowMeets && !highMeets ? Verdict.NO : Verdict.UNDECIDED;
  }
}
