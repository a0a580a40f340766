package io.meltica.bench.report;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a target was met, as {@code latest.json}'s {@code met} string. */
public enum Verdict {
  YES("yes"),
  NO("no"),
  /** Some interleaved rounds meet the rule and some do not: the noise straddles the target. */
  UNDECIDED("undecided"),
  /** The run did not produce the figure the target reads. */
  NOT_MEASURED("not measured");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }
}
