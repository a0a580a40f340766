package io.meltica.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The summary of one ratio over hand-made rounds, and the verdict the ratio targets take from it:
 * met only when the worst round meets the rule, missed only when the best one misses it.
 */
class RatioSummaryTest {

  @Test
  void shouldSummarizeAnOddNumberOfRounds() {
    RatioSummary summary = RatioSummary.of(List.of(1.6, 0.9, 1.2)).orElseThrow();

    assertThat(summary.rounds()).isEqualTo(3);
    assertThat(summary.median()).isEqualTo(1.2);
    assertThat(summary.min()).isEqualTo(0.9);
    assertThat(summary.max()).isEqualTo(1.6);
    assertThat(summary.spread()).isEqualTo(0.583); // (1.6 - 0.9) / 1.2
  }

  @Test
  void shouldTakeTheMeanOfTheMiddleTwoForAnEvenNumberOfRounds() {
    RatioSummary summary = RatioSummary.of(List.of(4.0, 1.0, 3.0, 2.0)).orElseThrow();

    assertThat(summary.median()).isEqualTo(2.5);
    assertThat(summary.spread()).isEqualTo(1.2); // (4 - 1) / 2.5
  }

  @Test
  void shouldHaveNoSummaryWithoutRounds() {
    assertThat(RatioSummary.of(List.of())).isEmpty();
  }

  @Test
  void shouldBeMetOnlyWhenTheWorstRoundMeetsTheRule() {
    Rule rule = Rule.atLeast(1.5);

    assertThat(verdict(rule, 1.5, 1.7, 1.6)).isEqualTo(Verdict.YES); // the minimum is on the line
    assertThat(verdict(rule, 1.0, 1.49, 1.2)).isEqualTo(Verdict.NO); // even the maximum misses
    assertThat(verdict(rule, 0.9, 1.6, 1.2)).isEqualTo(Verdict.UNDECIDED); // the median misses
    assertThat(verdict(rule, 1.4, 1.6, 1.55)).isEqualTo(Verdict.UNDECIDED); // the median meets
  }

  @Test
  void shouldJudgeAnUpperBoundByTheOtherEnd() {
    Rule rule = Rule.below(0.8);

    assertThat(verdict(rule, 0.5, 0.7)).isEqualTo(Verdict.YES);
    assertThat(verdict(rule, 0.7, 0.9)).isEqualTo(Verdict.UNDECIDED);
    assertThat(verdict(rule, 0.8, 0.9)).isEqualTo(Verdict.NO);
  }

  @Test
  void shouldShowRulesAsLatestJsonDoes() {
    assertThat(Rule.atLeast(1.5)).hasToString(">= 1.5");
    assertThat(Rule.atMost(2)).hasToString("<= 2");
    assertThat(Rule.below(15_000)).hasToString("< 15000");
    assertThat(Rule.atMost(500).verdict(null)).isEqualTo(Verdict.NOT_MEASURED);
  }

  private static Verdict verdict(Rule rule, Double... ratios) {
    return RatioSummary.of(List.of(ratios)).orElseThrow().verdict(rule);
  }
}
