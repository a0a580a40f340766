package io.meltica.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.simulation.SimulationReport.CurvePoint;
import io.meltica.simulation.SimulationReport.FlipMark;
import io.meltica.simulation.SimulationReport.Sample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportChartsTest {

  @Test
  void shouldLabelTheNinesTheCurveReaches() {
    String svg = ReportCharts.latencyCurve(Reports.realistic());

    assertThat(svg)
        .contains(">50</text>", ">90</text>", ">99</text>", ">99.9</text>", ">99.99</text>")
        .contains(">max</text>")
        .doesNotContain(">99.999</text>")
        .contains(">percentile (nines scale)</text>", ">latency (µs)</text>");
  }

  @Test
  void shouldStartTheCurveAtZeroWhenItHasLowPercentiles() {
    Reports reports = new Reports();
    reports.curve = List.of(new CurvePoint(0, 1), new CurvePoint(50, 2), new CurvePoint(99, 3));

    String svg = ReportCharts.latencyCurve(reports.build());

    assertThat(svg).contains(">0</text>", ">99.99</text>").doesNotContain(">99.999</text>");
  }

  @Test
  void shouldShowOnlyTheSecondsAroundTheFlips() {
    Reports reports = new Reports();
    List<Sample> timeline = new ArrayList<>();
    for (int second = 1; second <= 60; second++) {
      timeline.add(new Sample(second, 1_000, 0.1, 900, second == 31 ? 100 : 0, 0, 50));
    }
    reports.timeline = timeline;
    reports.flips = List.of(new FlipMark(30.4, 2), new FlipMark(Double.NaN, 3));

    String svg = ReportCharts.flipWindow(reports.build());

    // 20.4 s to 40.4 s holds the samples at 21..40: twenty per series.
    assertThat(HtmlReportWriterTest.charts(svg).get(0).points()).hasSize(40);
    assertThat(svg).contains(">flip to v2</text>").doesNotContain("flip to v3");
  }

  @Test
  void shouldKeepAFlipAfterTheLastSampleInView() {
    Reports reports = new Reports();
    reports.flips = List.of(new FlipMark(14, 2));

    HtmlReportWriterTest.Chart chart =
        HtmlReportWriterTest.charts(ReportCharts.flipWindow(reports.build())).get(0);

    assertThat(chart.body()).contains(">flip to v2</text>", ">14</text>");
    assertThat(chart.points()).hasSize(14);
  }

  @Test
  void shouldSayNoFlipsWhenEveryFlipTimeIsUnknown() {
    Reports reports = new Reports();
    reports.flips = List.of(new FlipMark(Double.NaN, 2));

    assertThat(ReportCharts.flipWindow(reports.build())).contains("no flips in this run");
  }

  @Test
  void shouldRaiseThePoolScaleWhenUtilizationPassesCapacity() {
    Reports reports = new Reports();
    reports.timeline =
        List.of(new Sample(1, 10, 0.5, 1, 0, 0, 1), new Sample(2, 10, 1.3, 1, 0, 0, 1));

    assertThat(ReportCharts.poolUtilization(reports.build())).contains(">140</text>");
  }

  @Test
  void shouldDotOnlyShortSeriesAndLonePoints() {
    Reports reports = new Reports();
    List<Sample> timeline = new ArrayList<>();
    for (int second = 1; second <= 60; second++) {
      double rate = second == 3 || second == 5 ? Double.NaN : 1_000;
      timeline.add(new Sample(second, rate, 0.1, 900, 0, 0, 50));
    }
    reports.timeline = timeline;

    String svg = ReportCharts.eventsPerSecond(reports.build());

    // Seconds 1-2 and 6-60 are lines; second 4 stands alone and needs a dot to be seen.
    assertThat(HtmlReportWriterTest.charts(svg).get(0).polylines()).hasSize(2);
    assertThat(svg.split("<circle", -1)).hasSize(2);
  }

  @Test
  void shouldSayNoDataWhenEveryValueIsMissing() {
    String svg =
        new SvgChart("x", "t", Axis.linear("a", 0, 1), Axis.linear("b", 0, 1))
            .series("s", SvgChart.BLUE, new double[] {Double.NaN}, new double[] {1})
            .render();

    assertThat(svg)
        .contains(">no data</text>")
        .doesNotContain("<polyline")
        .doesNotContain("<circle");
  }
}
