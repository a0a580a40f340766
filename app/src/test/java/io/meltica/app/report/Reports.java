package io.meltica.app.report;

import io.meltica.simulation.SimulationReport;
import io.meltica.simulation.SimulationReport.ConsolidatedQuotes;
import io.meltica.simulation.SimulationReport.CurvePoint;
import io.meltica.simulation.SimulationReport.FlipMark;
import io.meltica.simulation.SimulationReport.KindLatency;
import io.meltica.simulation.SimulationReport.Latency;
import io.meltica.simulation.SimulationReport.Pool;
import io.meltica.simulation.SimulationReport.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hand-built reports for the writer tests: a realistic ten-second run with one flip, and a builder
 * to change the one part a test is about.
 */
final class Reports {

  long inUseAtEnd = 0;
  long criticalExpected = 200;
  long criticalDelivered = 200;
  int threadsLeaked = 0;

  /** Every delivery but the consolidated quotes: 238,200 - 10,000. */
  Latency latency = new Latency(228_200, 12.5, 40.25, 95.0, 410.0, 1_250.0);

  ConsolidatedQuotes consolidated =
      new ConsolidatedQuotes(50, new Latency(10_000, 30_100.0, 48_500.0, 50_412.5, 50_900, 51_200));
  List<KindLatency> byKind =
      List.of(
          new KindLatency("trade", 120_000, 12.0, 90.0, 400.0, 1_250.0),
          new KindLatency("book_delta", 108_000, 13.0, 96.0, 415.0, 1_100.0),
          new KindLatency("consolidated_quote", 10_000, 30_100.0, 50_412.5, 50_900.0, 51_200.0),
          new KindLatency("exec_report", 200, 14.0, 95.0, 410.0, 800.0));
  double throughputEps = 11_980.5;
  Map<String, Long> byReason = Map.of("malformed json", 3L, "unknown instrument", 1L);
  List<Sample> timeline = realisticTimeline();
  List<FlipMark> flips = List.of(new FlipMark(5.2, 2));
  List<CurvePoint> curve =
      List.of(
          new CurvePoint(50, 12.5),
          new CurvePoint(90, 30.0),
          new CurvePoint(99, 95.0),
          new CurvePoint(99.9, 410.0),
          new CurvePoint(99.99, 900.0),
          new CurvePoint(100, 1_250.0));

  static SimulationReport realistic() {
    return new Reports().build();
  }

  SimulationReport build() {
    long rejected = byReason.values().stream().mapToLong(Long::longValue).sum();
    return new SimulationReport(
        new SimulationReport.Published(120_000, 119_800, 200),
        new SimulationReport.Delivered(238_000, criticalDelivered),
        new SimulationReport.Critical(criticalExpected, criticalDelivered),
        new SimulationReport.Flip(340, 3),
        337,
        new SimulationReport.MailboxDrops(
            25,
            0,
            Map.of(
                "momentum", new SimulationReport.Drops(25, 0),
                "risk", new SimulationReport.Drops(0, 0))),
        new SimulationReport.Failures(12, 12),
        new Pool(4_096, 812, 0.198, inUseAtEnd, 5, 0, 0, 0),
        latency,
        consolidated,
        byKind,
        throughputEps,
        new SimulationReport.Rejected(rejected, byReason),
        threadsLeaked,
        10.02,
        timeline,
        flips,
        curve,
        Map.of("meltica.router.events{}", 120_000L));
  }

  /** One sample per second; the flip at 5.2 s shows as a burst of filtered data at 6 s. */
  private static List<Sample> realisticTimeline() {
    List<Sample> samples = new ArrayList<>();
    for (int second = 1; second <= 10; second++) {
      long filtered = second == 6 ? 320 : second == 7 ? 17 : 0;
      samples.add(
          new Sample(
              second,
              11_500 + 100 * (second % 4),
              0.12 + 0.01 * second,
              23_800 - filtered,
              filtered,
              second == 3 ? 12 : 0,
              90 + second));
    }
    return samples;
  }
}
