package io.meltica.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Interleaved rounds built by hand: each round's ratios, the summaries across rounds, and the
 * median round whose figures go into the {@code fanout} table.
 */
class FanOutRoundsTest {

  @Test
  void shouldComputeEachRoundsRatios() {
    FanOutRound round = round(1, 1_000_000, 2_000_000, 10_000_000);

    assertThat(round.ratio(Ratio.MELTICA_OVER_PEKKO_PLAIN)).isEqualTo(0.5);
    assertThat(round.ratio(Ratio.MELTICA_OVER_DISRUPTOR)).isEqualTo(0.1);
    assertThat(round.ratios())
        .containsOnlyKeys("meltica_over_pekko_plain", "meltica_over_disruptor");
  }

  @Test
  void shouldSummarizeEveryRatioAndPickTheMedianRoundByMelticaOverPlainPekko() {
    FanOutRounds rounds =
        FanOutRounds.of(
            List.of(
                round(1, 1_000_000, 2_000_000, 10_000_000), // 0.5, 0.1
                round(2, 1_200_000, 1_500_000, 4_000_000), // 0.8, 0.3
                round(3, 900_000, 1_500_000, 3_000_000))); // 0.6, 0.3

    RatioSummary vsPlain = rounds.summary(Ratio.MELTICA_OVER_PEKKO_PLAIN).orElseThrow();
    assertThat(vsPlain.median()).isEqualTo(0.6);
    assertThat(vsPlain.min()).isEqualTo(0.5);
    assertThat(vsPlain.max()).isEqualTo(0.8);
    assertThat(vsPlain.spread()).isEqualTo(0.5);
    assertThat(vsPlain.verdict(Targets.VS_PLAIN)).isEqualTo(Verdict.NO);
    RatioSummary vsDisruptor = rounds.summary(Ratio.MELTICA_OVER_DISRUPTOR).orElseThrow();
    assertThat(vsDisruptor.median()).isEqualTo(0.3);
    assertThat(vsDisruptor.verdict(Targets.VS_DISRUPTOR)).isEqualTo(Verdict.UNDECIDED);

    assertThat(rounds.medianRound()).isEqualTo(3);
    assertThat(rounds.medianRows())
        .extracting(FanOutRow::impl, FanOutRow::subscribers, FanOutRow::deliveriesPerS)
        .containsExactly( // in the order they ran; the fanout table sorts them
            tuple("pekko-plain", 10, 1_500_000.0),
            tuple("disruptor", 10, 3_000_000.0),
            tuple("meltica", 10, 900_000.0));
    assertThat(rounds.medianRows().get(0).source()).contains("round 3 of 3");
  }

  @Test
  void shouldLeaveAFailedForkOutOfTheSummaryAndPickTheLowerMiddleOfAnEvenCount() {
    FanOutRound failed =
        FanOutRound.of(
            4,
            List.of(
                run("meltica", 1, 1_000_000.0),
                run("pekko-plain", 2, null), // its fork wrote no result
                run("disruptor", 3, 2_000_000.0)));
    FanOutRounds rounds =
        FanOutRounds.of(
            List.of(
                round(1, 1_000_000, 1_000_000, 4_000_000), // 1.0
                round(2, 2_000_000, 1_000_000, 4_000_000), // 2.0
                round(3, 3_000_000, 1_000_000, 4_000_000), // 3.0
                round(5, 4_000_000, 1_000_000, 4_000_000), // 4.0
                failed));

    assertThat(failed.ratio(Ratio.MELTICA_OVER_PEKKO_PLAIN)).isNull();
    assertThat(rounds.summary(Ratio.MELTICA_OVER_PEKKO_PLAIN).orElseThrow().rounds()).isEqualTo(4);
    assertThat(rounds.summary(Ratio.MELTICA_OVER_DISRUPTOR).orElseThrow().rounds()).isEqualTo(5);
    assertThat(rounds.medianRound()).isEqualTo(2);
  }

  @Test
  void shouldHaveNoMedianRowsWithoutRounds() {
    FanOutRounds none = FanOutRounds.none();

    assertThat(none.medianRound()).isNull();
    assertThat(none.medianRows()).isEmpty();
    assertThat(none.summary()).isEmpty();
  }

  /** A round run in the rotated order of round 2: plain Pekko first. */
  private static FanOutRound round(int round, double meltica, double plain, double disruptor) {
    return FanOutRound.of(
        round,
        List.of(
            run("pekko-plain", 1, plain),
            run("disruptor", 2, disruptor),
            run("meltica", 3, meltica)));
  }

  private static RoundRun run(String impl, int position, Double deliveriesPerS) {
    return new RoundRun(impl, position, deliveriesPerS, null, 8.0, "0.10 0.20", "0.30 0.20");
  }
}
