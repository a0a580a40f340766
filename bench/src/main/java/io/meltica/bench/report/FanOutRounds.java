package io.meltica.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code latest.json}'s {@code fanout_rounds}: the interleaved rounds at N = 10 and, per ratio,
 * their median, min, max and spread. The targets on the ratios are judged on the whole range, not
 * on one figure, and the {@code fanout} table's N = 10 rows of the measured implementations are the
 * median round's. Immutable; build with {@link #of}.
 *
 * @param subscribers the N every round measures
 * @param medianRound the round whose {@link #MEDIAN_BY} ratio is the median (the lower of the two
 *     middle ones for an even count), so its figures agree with each other; null without rounds
 * @param medianRoundBy the {@link Ratio#key()} that picks the median round
 * @param summary by {@link Ratio#key()}; a ratio no round measured is absent
 */
public record FanOutRounds(
    int subscribers,
    Integer medianRound,
    String medianRoundBy,
    List<FanOutRound> rounds,
    Map<String, RatioSummary> summary) {
  public static final int SUBSCRIBERS = 10;

  /** The ratio of the first target; the other ratio's median round may differ by a round. */
  static final Ratio MEDIAN_BY = Ratio.MELTICA_OVER_PEKKO_PLAIN;

  public FanOutRounds {
    rounds = List.copyOf(rounds);
    summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary)); // keeps Ratio order
  }

  /** The section for {@code rounds}; empty when the run had none. */
  public static FanOutRounds of(List<FanOutRound> rounds) {
    Map<String, RatioSummary> summary = new LinkedHashMap<>();
    for (Ratio ratio : Ratio.values()) {
      RatioSummary.of(ratios(rounds, ratio)).ifPresent(s -> summary.put(ratio.key(), s));
    }
    return new FanOutRounds(
        SUBSCRIBERS,
        medianRound(rounds).map(FanOutRound::round).orElse(null),
        MEDIAN_BY.key(),
        rounds,
        summary);
  }

  /** A run without rounds. */
  public static FanOutRounds none() {
    return of(List.of());
  }

  public Optional<RatioSummary> summary(Ratio ratio) {
    return Optional.ofNullable(summary.get(ratio.key()));
  }

  /**
   * The {@code fanout} rows at N = 10 from the median round, each saying so in {@code source};
   * empty without a median round.
   */
  public List<FanOutRow> medianRows() {
    Optional<FanOutRound> median =
        rounds.stream().filter(r -> medianRound != null && r.round() == medianRound).findFirst();
    if (median.isEmpty()) {
      return List.of();
    }
    String source =
        "median round: round "
            + medianRound
            + " of "
            + rounds.size()
            + " interleaved rounds, by "
            + medianRoundBy;
    return median.get().runs().stream()
        .filter(run -> run.deliveriesPerS() != null)
        .map(run -> run.toRow(subscribers, source))
        .toList();
  }

  private static List<Double> ratios(List<FanOutRound> rounds, Ratio ratio) {
    return rounds.stream().map(r -> r.ratio(ratio)).filter(value -> value != null).toList();
  }

  private static Optional<FanOutRound> medianRound(List<FanOutRound> rounds) {
    List<FanOutRound> measured = new ArrayList<>();
    for (FanOutRound round : rounds) {
      if (round.ratio(MEDIAN_BY) != null) {
        measured.add(round);
      }
    }
    if (measured.isEmpty()) {
      return Optional.empty();
    }
    measured.sort(Comparator.comparingDouble(round -> round.ratio(MEDIAN_BY)));
    return Optional.of(measured.get((measured.size() - 1) / 2));
  }
}
