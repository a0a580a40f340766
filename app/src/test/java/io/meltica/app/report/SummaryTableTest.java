package io.meltica.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.simulation.SimulationReport.ConsolidatedQuotes;
import io.meltica.simulation.SimulationReport.Latency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTableTest {

  private final SummaryTable table = new SummaryTable();

  @Test
  void shouldContainEachFigure() {
    List<String> lines = table.render(Reports.realistic()).lines().toList();

    assertThat(row(lines, "published")).contains("120,000", "market data 119,800, critical 200");
    assertThat(row(lines, "delivered")).contains("238,200", "market data 238,000, critical 200");
    assertThat(row(lines, "critical delivered / expected"))
        .contains("200 / 200", "delivered share 100.0%");
    assertThat(row(lines, "stale after flip / delivered"))
        .contains("340 / 3", "delivered share 0.9%");
    assertThat(row(lines, "filtered")).contains("337");
    assertThat(row(lines, "failures")).contains("12", "12 with trace id");
    assertThat(row(lines, "pool capacity")).contains("4,096");
    assertThat(row(lines, "pool peak in use")).contains("812", "19.8% of capacity");
    assertThat(row(lines, "pool in use at end")).contains(" 0 ");
    assertThat(row(lines, "pool misses")).contains(" 5 ");
    assertThat(row(lines, "pool double releases")).endsWith(" 0");
    assertThat(row(lines, "pool stale releases")).endsWith(" 0");
    assertThat(row(lines, "mailbox conflated / overflowed")).contains("25 / 0");
    assertThat(row(lines, "latency p50")).contains("12.5", "µs");
    assertThat(row(lines, "latency p95")).contains("40.3", "µs");
    assertThat(row(lines, "latency p99 ")).contains("95.0", "µs");
    assertThat(row(lines, "latency p99.9")).contains("410.0", "µs");
    assertThat(row(lines, "latency max")).contains("1,250.0", "µs");
    assertThat(row(lines, "consolidated quotes p99"))
        .contains("50,412.5", "µs", "includes the merge wait (window 50 ms)");
    assertThat(row(lines, "throughput")).contains("11,981", "events/s");
    assertThat(row(lines, "rejected input")).contains(" 4 ", "lines");
    assertThat(row(lines, "threads leaked")).contains(" 0 ");
    assertThat(row(lines, "duration")).contains("10.0", " s");
  }

  @Test
  void shouldSayTheHeadlineLatencyLeavesConsolidatedQuotesOut() {
    List<String> lines = table.render(Reports.realistic()).lines().toList();

    for (String figure : List.of("latency p50", "latency p95", "latency p99 ", "latency max")) {
      assertThat(row(lines, figure))
          .as(figure)
          .endsWith("µs, publish → handler, all but consolidated quotes");
    }
    assertThat(lines.indexOf(row(lines, "consolidated quotes p99")))
        .as("right after the headline")
        .isEqualTo(lines.indexOf(row(lines, "latency max")) + 1);
  }

  @Test
  void shouldShowConsolidatedQuotesWithoutAWindowOrWithoutSamples() {
    Reports reports = new Reports();
    reports.consolidated = new ConsolidatedQuotes(Double.NaN, new Latency(3, 1, 2, 2_500, 4, 5));
    assertThat(row(table.render(reports.build()).lines().toList(), "consolidated quotes p99"))
        .contains("2,500.0", "includes the merge wait")
        .doesNotContain("window");

    reports.consolidated = new ConsolidatedQuotes(2.5, new Latency(0, 0, 0, 0, 0, 0));
    assertThat(row(table.render(reports.build()).lines().toList(), "consolidated quotes p99"))
        .contains("n/a", "none delivered");
  }

  @Test
  void shouldListRejectReasonsUnderTheTotalMostFrequentFirst() {
    Reports reports = new Reports();
    reports.byReason = Map.of("b-rare", 1L, "a-rare", 1L, "common", 5L);

    List<String> lines = table.render(reports.build()).lines().toList();

    int total = lines.indexOf(row(lines, "rejected input"));
    assertThat(lines.get(total + 1)).startsWith("  common").contains(" 5 ", "71.4%");
    assertThat(lines.get(total + 2)).startsWith("  a-rare").contains(" 1 ", "14.3%");
    assertThat(lines.get(total + 3)).startsWith("  b-rare");
    assertThat(lines.get(total + 4)).startsWith("threads leaked");
  }

  @Test
  void shouldAlignTheValueColumn() {
    List<String> lines = table.render(Reports.realistic()).lines().toList();

    int valueEnd = lines.get(0).indexOf("value") + "value".length();
    int widest = lines.stream().mapToInt(String::length).max().orElseThrow();
    assertThat(lines.get(0)).startsWith("figure ").endsWith("detail");
    assertThat(lines.get(1)).matches("-+  -+  -+");
    for (String line : lines.subList(2, lines.size())) {
      assertThat(line.charAt(valueEnd - 1)).as(line).isNotEqualTo(' ');
      assertThat(line.length() == valueEnd || line.charAt(valueEnd) == ' ').as(line).isTrue();
    }
    assertThat(widest).isLessThan(100);
  }

  @Test
  void shouldShowWhatCouldNotBeMeasured() {
    Reports reports = new Reports();
    reports.threadsLeaked = -1;
    reports.latency = new Latency(1, Double.NaN, 1, 2, 3, 4);
    reports.byReason = Map.of();

    List<String> lines = table.render(reports.build()).lines().toList();

    assertThat(row(lines, "threads leaked")).contains("unknown", "did not own the ActorSystem");
    assertThat(row(lines, "latency p50")).contains("n/a");
    assertThat(row(lines, "rejected input")).contains(" 0 ");
    assertThat(lines.get(lines.indexOf(row(lines, "rejected input")) + 1))
        .startsWith("threads leaked");
  }

  @Test
  void shouldSayNaWhenNothingWasExpected() {
    Reports reports = new Reports();
    reports.criticalExpected = 0;
    reports.criticalDelivered = 0;

    List<String> lines = table.render(reports.build()).lines().toList();

    assertThat(row(lines, "critical delivered / expected"))
        .contains("0 / 0", "delivered share n/a");
  }

  @Test
  void shouldKeepControlCharactersOutOfTheColumns() {
    Reports reports = new Reports();
    reports.byReason = Map.of("bad\nline", 1L);

    String text = table.render(reports.build());

    assertThat(text).contains("  bad?line").doesNotContain("bad\nline");
  }

  private static String row(List<String> lines, String figure) {
    return lines.stream()
        .filter(line -> line.startsWith(figure))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + figure + " in\n" + lines));
  }
}
