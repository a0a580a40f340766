package io.meltica.bench.report;

/**
 * A target's threshold as a comparison against one figure, e.g. {@code >= 1.5}. Immutable.
 *
 * @param comparison how the figure is compared with {@code threshold}
 */
public record Rule(Comparison comparison, double threshold) {

  /** The comparisons the targets use. */
  public enum Comparison {
    AT_LEAST(">="),
    AT_MOST("<="),
    BELOW("<");

    private final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }
  }

  public static Rule atLeast(double threshold) {
    return new Rule(Comparison.AT_LEAST, threshold);
  }

  public static Rule atMost(double threshold) {
    return new Rule(Comparison.AT_MOST, threshold);
  }

  public static Rule below(double threshold) {
    return new Rule(Comparison.BELOW, threshold);
  }

  /** Whether {@code value} satisfies this rule. */
  public boolean test(double value) {
    return switch (comparison) {
      case AT_LEAST -> value >= threshold;
      case AT_MOST -> value <= threshold;
      case BELOW -> value < threshold;
    };
  }

  /** The verdict on one figure: "not measured" when it is null. */
  public Verdict verdict(Double value) {
    if (value == null) {
      return Verdict.NOT_MEASURED;
    }
    return test(value) ? Verdict.YES : Verdict.NO;
  }

  /** As {@code latest.json} shows it: {@code ">= 1.5"}, {@code "< 15000"}. */
  @Override
  public String toString() {
    String number =
        threshold == Math.rint(threshold)
            ? Long.toString((long) threshold)
            : Double.toString(threshold);
    return comparison.symbol + " " + number;
  }
}
