package io.meltica.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.ingest.VenueFeedStats;
import io.meltica.simulation.SimulationReport;
import io.meltica.simulation.SimulationReport.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriterTest {

  private static final List<String> CHART_IDS =
      List.of("latency-curve", "events-per-second", "pool-utilization", "flip-window");
  private static final Pattern SVG =
      Pattern.compile(
          "<svg id=\"([^\"]+)\"[^>]*viewBox=\"0 0 (\\d+) (\\d+)\"[^>]*>(.*?)</svg>",
          Pattern.DOTALL);
  private static final Pattern POLYLINE = Pattern.compile("<polyline[^>]* points=\"([^\"]*)\"");

  private final HtmlReportWriter writer = new HtmlReportWriter();

  @Test
  void shouldContainTheFourCharts() {
    String html = writer.toHtml(Reports.realistic());

    for (String id : CHART_IDS) {
      assertThat(html).contains("<svg id=\"" + id + "\"");
    }
    assertThat(charts(html)).hasSize(4);
  }

  @Test
  void shouldShowEachVenueFeedWithItsGapsResyncsStaleTimeAndLag() {
    VenueFeedStats.Summary okx =
        new VenueFeedStats.Summary(
            "okx", 1_200, 3, 2, 1, 1, 3, 0, 41, new VenueFeedStats.Lag(1_000, 900, 2_400, 9_100));
    VenueFeedStats.Summary binance =
        new VenueFeedStats.Summary("binance", 20, 0, 1, 0, 0, 0, 1, 0, VenueFeedStats.Lag.NONE);

    String html = writer.toHtml(Reports.realistic(), List.of(okx, binance));

    assertThat(html).contains("<h2>Venue feed: okx</h2>", "<h2>Venue feed: binance</h2>");
    assertThat(rowOf(html, "okx", "sequence gaps")).contains(">2<");
    assertThat(rowOf(html, "okx", "stale time")).contains(">41 ms<");
    assertThat(rowOf(html, "okx", "disconnects")).contains(">1<");
    assertThat(rowOf(html, "okx", "lag p50 / p99 / max")).contains(">0.9 / 2.4 / 9.1 ms<");
    assertThat(rowOf(html, "binance", "books stale at the end")).contains(">1<");
    assertThat(html.substring(html.indexOf("Venue feed: binance")))
        .as("a recording has no lag row")
        .doesNotContain("lag p50");
  }

  /** The table row named {@code figure} in the section of {@code venue}'s feed. */
  private static String rowOf(String html, String venue, String figure) {
    int section = html.indexOf("<h2>Venue feed: " + venue + "</h2>");
    int row = html.indexOf("<tr><td>" + figure + "</td>", section);
    assertThat(section).isNotNegative();
    assertThat(row).as(figure).isNotNegative();
    return html.substring(row, html.indexOf("</tr>", row));
  }

  @Test
  void shouldBeSelfContained() {
    String html = writer.toHtml(Reports.realistic()).toLowerCase();

    assertThat(html)
        .startsWith("<!doctype html>")
        .doesNotContain("<script")
        .doesNotContain("http://")
        .doesNotContain("https://")
        .doesNotContain("<link")
        .doesNotContain("url(")
        .doesNotContain(" src=");
  }

  @Test
  void shouldEscapeReasonsAndProblemText() {
    Reports reports = new Reports();
    reports.byReason = Map.of("<b>&\"", 2L, "it's", 1L);
    reports.criticalDelivered = 150;

    String html = writer.toHtml(reports.build());

    assertThat(html)
        .contains("<td>&lt;b&gt;&amp;&quot;</td>")
        .contains("<td>it&#39;s</td>")
        .doesNotContain("<b>")
        .contains(
            "<p class=\"verdict problem\">critical loss: 150 of 200 critical events delivered");
  }

  @Test
  void shouldSayCleanRunWhenThereIsNoProblem() {
    assertThat(writer.toHtml(Reports.realistic()))
        .contains("<p class=\"verdict clean\">clean run</p>")
        .doesNotContain("verdict problem");
  }

  @Test
  void shouldShowKeyFiguresAndRejectedInput() {
    String html = writer.toHtml(Reports.realistic());

    assertThat(html)
        .contains("<td>published</td><td class=\"num\">120,000</td>")
        .contains("<td>latency p99.9</td><td class=\"num\">410.0</td><td>µs, publish")
        .contains("<td>malformed json</td><td class=\"num\">3</td><td>75.0%</td>")
        .contains("<td>unknown instrument</td><td class=\"num\">1</td><td>25.0%</td>");
  }

  @Test
  void shouldShowLatencyPerKindAndWhatTheMergeWindowAddsToConsolidatedQuotes() {
    String html = writer.toHtml(Reports.realistic());

    assertThat(html)
        .contains("<h2>Latency by event kind</h2>")
        .contains(
            "<th>kind</th><th class=\"num\">count</th><th class=\"num\">p50 (µs)</th>"
                + "<th class=\"num\">p99 (µs)</th><th class=\"num\">p99.9 (µs)</th>"
                + "<th class=\"num\">max (µs)</th>")
        .contains(
            "<tr><td>consolidated_quote</td><td class=\"num\">10,000</td>"
                + "<td class=\"num\">30,100.0</td><td class=\"num\">50,412.5</td>"
                + "<td class=\"num\">50,900.0</td><td class=\"num\">51,200.0</td></tr>")
        .contains("<tr><td>trade</td><td class=\"num\">120,000</td>")
        .contains("meltica.orchestrator.merge.timeout, 50 ms")
        .contains(
            "<td>latency p99</td><td class=\"num\">95.0</td>"
                + "<td>µs, publish → handler, all but consolidated quotes</td>")
        .contains("<td>consolidated quotes p99</td><td class=\"num\">50,412.5</td>");
  }

  @Test
  void shouldSayWhenNoLatencyWasRecorded() {
    Reports reports = new Reports();
    reports.byKind = List.of();

    assertThat(writer.toHtml(reports.build()))
        .contains("<h2>Latency by event kind</h2>\n<p class=\"muted\">no latency samples");
  }

  @Test
  void shouldSayWhenNoInputWasRejected() {
    Reports reports = new Reports();
    reports.byReason = Map.of();

    assertThat(writer.toHtml(reports.build())).contains("no input line was rejected");
  }

  @Test
  void shouldKeepEveryPolylineInsideItsViewBox() {
    List<Chart> charts = charts(writer.toHtml(Reports.realistic()));

    for (Chart chart : charts) {
      assertThat(chart.polylines()).as("%s has lines", chart.id()).isNotEmpty();
      for (double[] point : chart.points()) {
        assertThat(point[0]).as("%s x", chart.id()).isBetween(0.0, chart.width());
        assertThat(point[1]).as("%s y", chart.id()).isBetween(0.0, chart.height());
      }
    }
    assertThat(chart(charts, "flip-window").polylines()).hasSize(2);
    assertThat(chart(charts, "events-per-second").points()).hasSize(10);
    assertThat(chart(charts, "latency-curve").points()).hasSize(6);
  }

  @Test
  void shouldDrawHigherValuesHigherUp() {
    Chart latency = chart(charts(writer.toHtml(Reports.realistic())), "latency-curve");

    List<double[]> points = latency.points();
    for (int i = 1; i < points.size(); i++) {
      assertThat(points.get(i)[0]).isGreaterThan(points.get(i - 1)[0]);
      assertThat(points.get(i)[1]).isLessThan(points.get(i - 1)[1]);
    }
  }

  @Test
  void shouldRenderEveryChartForAnEmptyRun() {
    Reports reports = new Reports();
    reports.timeline = List.of();
    reports.flips = List.of();
    reports.curve = List.of();

    String html = writer.toHtml(reports.build());

    assertThat(charts(html)).hasSize(4).allSatisfy(c -> assertThat(c.polylines()).isEmpty());
    assertThat(html)
        .contains("no latency samples in this run")
        .contains("no samples in this run")
        .contains("no flips in this run")
        .doesNotContain("NaN")
        .doesNotContain("Infinity");
  }

  @Test
  void shouldSayNoFlipsButStillDrawTheTimeline() {
    Reports reports = new Reports();
    reports.flips = List.of();

    List<Chart> charts = charts(writer.toHtml(reports.build()));

    assertThat(chart(charts, "flip-window").body()).contains("no flips in this run");
    assertThat(chart(charts, "flip-window").polylines()).isEmpty();
    assertThat(chart(charts, "events-per-second").polylines()).hasSize(1);
  }

  @Test
  void shouldMarkEachFlipAndLabelBothSeries() {
    Chart flip = chart(charts(writer.toHtml(Reports.realistic())), "flip-window");

    assertThat(flip.body())
        .contains(">flip to v2</text>")
        .contains("class=\"legend\"")
        .contains(">delivered</text>")
        .contains(">filtered</text>");
  }

  @Test
  void shouldDrawTheDashedEightyPercentLine() {
    Chart pool = chart(charts(writer.toHtml(Reports.realistic())), "pool-utilization");

    assertThat(pool.body()).contains("stroke-dasharray").contains(">80% (SC-003)</text>");
    assertThat(pool.body()).contains(">100</text>").doesNotContain(">120</text>");
  }

  @Test
  void shouldBreakLinesAtMissingValues() {
    Reports reports = new Reports();
    List<Sample> timeline = new ArrayList<>(reports.timeline);
    Sample third = timeline.get(2);
    timeline.set(2, new Sample(third.tS(), Double.NaN, Double.NaN, 0, 0, 0, Double.NaN));
    reports.timeline = timeline;

    String html = writer.toHtml(reports.build());
    Chart events = chart(charts(html), "events-per-second");

    assertThat(events.polylines()).hasSize(2);
    assertThat(events.points()).hasSize(9);
    assertThat(html).doesNotContain("NaN");
  }

  @Test
  void shouldDrawASinglePointOfZeros() {
    Reports reports = new Reports();
    reports.timeline = List.of(new Sample(1, 0, 0, 0, 0, 0, 0));
    reports.flips = List.of(new SimulationReport.FlipMark(0.5, 1));
    reports.curve = List.of(new SimulationReport.CurvePoint(50, 0));

    List<Chart> charts = charts(writer.toHtml(reports.build()));

    for (Chart chart : charts) {
      assertThat(chart.polylines()).as(chart.id()).isEmpty();
      assertThat(chart.body()).as(chart.id()).contains("<circle").doesNotContain("no data");
    }
  }

  @Test
  void shouldWriteTheSamePageToAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("report.html");
    SimulationReport report = Reports.realistic();

    writer.write(report, List.of(), file);

    assertThat(Files.readString(file)).isEqualTo(writer.toHtml(report));
  }

  record Chart(String id, double width, double height, String body) {
    List<String> polylines() {
      List<String> found = new ArrayList<>();
      Matcher m = POLYLINE.matcher(body);
      while (m.find()) {
        found.add(m.group(1));
      }
      return found;
    }

    List<double[]> points() {
      List<double[]> points = new ArrayList<>();
      for (String polyline : polylines()) {
        for (String pair : polyline.trim().split(" ")) {
          String[] xy = pair.split(",");
          points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
        }
      }
      return points;
    }
  }

  static List<Chart> charts(String html) {
    List<Chart> charts = new ArrayList<>();
    Matcher m = SVG.matcher(html);
    while (m.find()) {
      charts.add(
          new Chart(
              m.group(1),
              Double.parseDouble(m.group(2)),
              Double.parseDouble(m.group(3)),
              m.group(4)));
    }
    return charts;
  }

  private static Chart chart(List<Chart> charts, String id) {
    return charts.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }
}
