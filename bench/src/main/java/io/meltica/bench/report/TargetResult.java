package io.meltica.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One target of the benchmark issue, evaluated on a run.
 *
 * @param rule the target as a comparison, e.g. {@code >= 1.5}
 * @param value the measured figure (for a ratio, the median of the interleaved rounds); null when
 *     the run did not measure it
 * @param met "yes", "no", "undecided" (rounds on both sides of the rule) or "not measured"
 * @param note what the verdict rests on when the value alone does not say it; omitted when null
 */
public record TargetResult(
    String target,
    String rule,
    Double value,
    Verdict met,
    @JsonInclude(JsonInclude.Include.NON_NULL) String note) {}
