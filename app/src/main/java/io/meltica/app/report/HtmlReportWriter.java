package io.meltica.app.report;

import static io.meltica.app.report.SvgChart.escape;

import io.meltica.ingest.VenueFeedStats;
import io.meltica.simulation.SimulationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@link SimulationReport} as one self-contained HTML page: the verdict, the key figures,
 * rejected input by reason, latency per event kind and four inline SVG charts. The page has no
 * script and no external reference, so it reads the same offline, in a mail attachment or from a CI
 * artifact. Instances are stateless and safe to share between threads.
 */
public final class HtmlReportWriter {

  private static final String CSS =
      """
      body { margin: 0; background: #f9fafb; color: #111827;
        font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
      header { background: #fff; border-bottom: 1px solid #e5e7eb; padding: 20px 32px; }
      h1 { font-size: 22px; margin: 0 0 10px; }
      h2 { font-size: 16px; margin: 0 0 12px; }
      main { max-width: 1360px; margin: 0 auto; padding: 24px 32px; }
      section { background: #fff; border: 1px solid #e5e7eb; border-radius: 8px;
        padding: 16px 20px; margin-bottom: 20px; }
      .verdict { display: inline-block; margin: 0; padding: 4px 14px; border-radius: 999px;
        font-weight: 600; }
      .verdict.clean { background: #dcfce7; color: #166534; }
      .verdict.problem { background: #fee2e2; color: #991b1b; }
      .meta, .muted, figcaption { color: #6b7280; }
      .meta { margin: 10px 0 0; }
      .tables { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 20px; }
      table { border-collapse: collapse; }
      th, td { padding: 4px 12px; border-bottom: 1px solid #f3f4f6; text-align: left; }
      th { color: #6b7280; font-weight: 600; }
      .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr));
        gap: 20px; }
      figure { margin: 0; }
      figcaption { font-size: 13px; margin-top: 6px; }
      svg.chart { display: block; width: 100%; height: auto; }
      svg.chart text { font-family: system-ui, sans-serif; font-size: 12px; fill: #374151; }
      svg.chart .chart-title { font-size: 14px; font-weight: 600; fill: #111827; }
      svg.chart .note { font-size: 11px; fill: #4b5563; }
      svg.chart .message { font-size: 14px; fill: #9ca3af; }
      footer { color: #9ca3af; font-size: 12px; text-align: center; padding: 0 0 24px; }
      @media (max-width: 900px) { .tables { grid-template-columns: 1fr; } }
      @media print { body { background: #fff; } section { break-inside: avoid; } }
      """;

  private final SummaryTable summary = new SummaryTable();

  /** The whole page as a string, without venue feeds. */
  public String toHtml(SimulationReport report) {
    return toHtml(report, List.of());
  }

  /** The whole page as a string, with a table per venue feed of the run (docs/venues.md). */
  public String toHtml(SimulationReport report, List<VenueFeedStats.Summary> feeds) {
    StringBuilder html = new StringBuilder(48 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Meltica run report</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
    header(html, report);
    html.append("<main>\n<div class=\"tables\">\n");
    table(html, "Key figures", "figure", "value", "detail", summary.figures(report));
    rejected(html, report);
    for (VenueFeedStats.Summary feed : feeds) {
      table(html, "Venue feed: " + feed.venue(), "figure", "value", "detail", FeedTable.rows(feed));
    }
    html.append("</div>\n");
    latencyByKind(html, report);
    html.append("<section>\n<h2>Charts</h2>\n<div class=\"charts\">\n");
    figure(
        html,
        ReportCharts.latencyCurve(report),
        "The latency below which that share of events stayed, every kind but consolidated quotes"
            + " (their merge wait is in the table above). The percentile axis spreads the"
            + " tail: 90, 99, 99.9 and 99.99 lie equally far apart, so a line that stays flat and"
            + " turns up only at the right means a steady median with rare outliers.");
    figure(
        html,
        ReportCharts.eventsPerSecond(report),
        "Events the router handled in each second. Dips show pauses: a flip, a collection,"
            + " back-pressure from slow strategies.");
    figure(
        html,
        ReportCharts.poolUtilization(report),
        "Envelopes in use as a share of the pool's capacity at each sample. SC-003 keeps it under"
            + " the dashed 80% line; above 100% the pool was allocating (misses).");
    figure(
        html,
        ReportCharts.flipWindow(report),
        "Market data handed to strategies and dropped by their gates, per second, around each"
            + " routing flip (dashed line), on a log scale so that both show. Data still queued"
            + " with the old version should turn up as filtered, not delivered.");
    html.append("</div>\n</section>\n</main>\n<footer>Generated by meltica &middot; schema ")
        .append(JsonReportWriter.SCHEMA)
        .append(" &middot; figures explained in docs/report.md</footer>\n</body>\n</html>\n");
    return html.toString();
  }

  /** Writes the page to {@code file} in UTF-8, replacing it; the directory must exist. */
  public void write(SimulationReport report, List<VenueFeedStats.Summary> feeds, Path file)
      throws IOException {
    Files.writeString(file, toHtml(report, feeds), StandardCharsets.UTF_8);
  }

  private static void header(StringBuilder html, SimulationReport report) {
    String problem = report.problem();
    html.append("<header>\n<h1>Meltica run report</h1>\n");
    if (problem == null) {
      html.append("<p class=\"verdict clean\">clean run</p>\n");
    } else {
      html.append("<p class=\"verdict problem\">").append(escape(problem)).append("</p>\n");
    }
    html.append("<p class=\"meta\">")
        .append(SummaryTable.decimal(report.durationS(), 1))
        .append(" s &middot; ")
        .append(SummaryTable.count(report.published().total()))
        .append(" events published &middot; ")
        .append(SummaryTable.decimal(report.throughputEps(), 0))
        .append(" events/s</p>\n</header>\n");
  }

  private void rejected(StringBuilder html, SimulationReport report) {
    List<SummaryTable.Row> reasons = summary.reasons(report);
    if (reasons.isEmpty()) {
      html.append("<section>\n<h2>Rejected input</h2>\n");
      html.append("<p class=\"muted\">no input line was rejected</p>\n</section>\n");
    } else {
      table(html, "Rejected input", "reason", "lines", "share", reasons);
    }
  }

  /** Publish → handler per event kind: shows which kind a high figure comes from. */
  private static void latencyByKind(StringBuilder html, SimulationReport report) {
    html.append("<section>\n<h2>Latency by event kind</h2>\n");
    List<SimulationReport.KindLatency> kinds = report.latencyByKindUs();
    if (kinds.isEmpty()) {
      html.append("<p class=\"muted\">no latency samples in this run</p>\n</section>\n");
      return;
    }
    html.append("<table>\n<thead><tr><th>kind</th>");
    for (String heading : List.of("count", "p50 (µs)", "p99 (µs)", "p99.9 (µs)", "max (µs)")) {
      html.append("<th class=\"num\">").append(escape(heading)).append("</th>");
    }
    html.append("</tr></thead>\n<tbody>\n");
    for (SimulationReport.KindLatency kind : kinds) {
      html.append("<tr><td>").append(escape(kind.kind())).append("</td>");
      number(html, SummaryTable.count(kind.count()));
      for (double micros : new double[] {kind.p50(), kind.p99(), kind.p999(), kind.max()}) {
        number(html, SummaryTable.decimal(micros, 1));
      }
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table>\n<p class=\"muted\">")
        .append(escape(mergeNote(report.consolidatedQuotes().mergeWindowMs())))
        .append("</p>\n</section>\n");
  }

  private static String mergeNote(double windowMs) {
    String window =
        Double.isFinite(windowMs)
            ? " (meltica.orchestrator.merge.timeout, " + SummaryTable.milliseconds(windowMs) + ")"
            : "";
    return "From publish to the start of the handler. A consolidated quote carries its first"
        + " partial's publish time and waits for the merge window"
        + window
        + " before it is routed, so its figures are the merge wait, not the distributor; the"
        + " headline latency leaves them out.";
  }

  private static void number(StringBuilder html, String value) {
    html.append("<td class=\"num\">").append(escape(value)).append("</td>");
  }

  private static void table(
      StringBuilder html,
      String title,
      String figureHeading,
      String valueHeading,
      String detailHeading,
      List<SummaryTable.Row> rows) {
    html.append("<section>\n<h2>").append(escape(title)).append("</h2>\n<table>\n<thead><tr>");
    html.append("<th>").append(escape(figureHeading)).append("</th>");
    html.append("<th class=\"num\">").append(escape(valueHeading)).append("</th>");
    html.append("<th>").append(escape(detailHeading)).append("</th></tr></thead>\n<tbody>\n");
    for (SummaryTable.Row row : rows) {
      html.append("<tr><td>").append(escape(row.figure())).append("</td>");
      html.append("<td class=\"num\">").append(escape(row.value())).append("</td>");
      html.append("<td>").append(escape(row.detail())).append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n</section>\n");
  }

  private static void figure(StringBuilder html, String svg, String caption) {
    html.append("<figure>\n").append(svg);
    html.append("<figcaption>").append(escape(caption)).append("</figcaption>\n</figure>\n");
  }
}
