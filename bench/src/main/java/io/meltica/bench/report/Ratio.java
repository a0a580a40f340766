package io.meltica.bench.report;

import io.meltica.bench.fanout.FanOutImpl;
import io.meltica.bench.latency.LatencyResult;
import java.util.List;

/** The fan-out ratios the targets read: Meltica's deliveries per second over a baseline's. */
public enum Ratio {
  MELTICA_OVER_PEKKO_PLAIN(FanOutImpl.PEKKO_PLAIN),
  MELTICA_OVER_DISRUPTOR(FanOutImpl.DISRUPTOR);

  private final FanOutImpl baseline;

  Ratio(FanOutImpl baseline) {
    this.baseline = baseline;
  }

  /** The key in {@code latest.json}: {@code meltica_over_pekko_plain}. */
  public String key() {
    return "meltica_over_" + baseline.label().replace('-', '_');
  }

  /** Meltica ÷ the baseline among {@code runs} (one round), or null if either was not measured. */
  public Double of(List<RoundRun> runs) {
    Double meltica = deliveries(runs, FanOutImpl.MELTICA);
    Double other = deliveries(runs, baseline);
    if (meltica == null || other == null || other <= 0) {
      return null;
    }
    // Four places: Meltica ÷ Disruptor sits near 0.03, where two would hide a 30 % spread.
    return LatencyResult.round(meltica / other, 4);
  }

  private static Double deliveries(List<RoundRun> runs, FanOutImpl impl) {
    return runs.stream()
        .filter(run -> run.impl().equals(impl.label()))
        .map(RoundRun::deliveriesPerS)
        .filter(value -> value != null)
        .findFirst()
        .orElse(null);
  }
}
