package io.meltica.bench.report;

/**
 * One target of the benchmark issue, evaluated on a run.
 *
 * @param rule the target as a comparison, e.g. {@code >= 1.0}
 * @param value the measured figure; null when the run did not measure it
 */
public record TargetResult(String target, String rule, Double value, boolean met) {}
