package io.meltica.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meltica.protocol.EventKind;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** The report's latency figures from hand-made per-kind histograms, in nanoseconds. */
class LatencyFiguresTest {
  private static final long MICROS = 1_000;
  private static final long MILLIS = 1_000_000;

  /** {@code count} samples of {@code nanos} each. */
  private static Histogram samples(long count, long nanos) {
    Histogram histogram = new Histogram(60_000 * MILLIS, 3);
    histogram.recordValueWithCount(nanos, count);
    return histogram;
  }

  private final LatencyFigures figures =
      new LatencyFigures(
          Map.of(
              EventKind.TRADE, samples(900, 10 * MICROS),
              EventKind.EXEC_REPORT, samples(100, 20 * MICROS),
              EventKind.QUOTE, new Histogram(3),
              EventKind.CONSOLIDATED_QUOTE, samples(500, 48 * MILLIS)),
          50.0);

  @Test
  void shouldLeaveConsolidatedQuotesOutOfTheHeadline() {
    SimulationReport.Latency headline = figures.headline();

    assertThat(headline.count()).as("trades and execution reports").isEqualTo(1_000);
    assertThat(headline.p50()).isCloseTo(10, within(0.1));
    assertThat(headline.p99()).isCloseTo(20, within(0.1));
    assertThat(headline.max()).as("not the merge wait").isCloseTo(20, within(0.1));
    assertThat(figures.curve())
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.latencyUs()).isLessThan(21));
  }

  @Test
  void shouldReportConsolidatedQuotesApartWithTheMergeWindow() {
    SimulationReport.ConsolidatedQuotes consolidated = figures.consolidatedQuotes();

    assertThat(consolidated.mergeWindowMs()).isEqualTo(50.0);
    assertThat(consolidated.latencyUs().count()).isEqualTo(500);
    assertThat(consolidated.latencyUs().p99()).isCloseTo(48_000, within(50.0));
  }

  @Test
  void shouldListEachKindWithSamplesInKindOrder() {
    assertThat(figures.byKind())
        .extracting(SimulationReport.KindLatency::kind, SimulationReport.KindLatency::count)
        .containsExactly(
            Tuple.tuple("trade", 900L),
            Tuple.tuple("consolidated_quote", 500L),
            Tuple.tuple("exec_report", 100L));
    SimulationReport.KindLatency consolidated = figures.byKind().get(1);
    assertThat(consolidated.p50()).isCloseTo(48_000, within(50.0));
    assertThat(consolidated.p999()).isCloseTo(48_000, within(50.0));
    assertThat(consolidated.max()).isCloseTo(48_000, within(50.0));
  }

  @Test
  void shouldReportZerosAndNoCurveForARunWithoutSamples() {
    LatencyFigures empty = new LatencyFigures(Map.of(), Double.NaN);

    assertThat(empty.headline().count()).isZero();
    assertThat(empty.headline().p99()).isZero();
    assertThat(empty.consolidatedQuotes().latencyUs().count()).isZero();
    assertThat(empty.consolidatedQuotes().mergeWindowMs()).isNaN();
    assertThat(empty.byKind()).isEmpty();
    assertThat(empty.curve()).isEmpty();
  }
}
