package io.meltica.app.report;

import io.meltica.simulation.SimulationReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plain-text table of key figures printed at the end of a run: one line per figure, in three
 * aligned columns (figure, value, detail). The HTML report shows the same rows.
 */
public final class SummaryTable {

  private static final String[] HEADER = {"figure", "value", "detail"};
  private static final String INDENT = "  ";
  private static final String REJECTED = "rejected input";
  private static final String CONSOLIDATED = "consolidated quotes p99";

  /** What the headline latency covers; repeated on each of its rows so any one quoted says it. */
  private static final String HEADLINE = "µs, publish → handler, all but consolidated quotes";

  /** One line of the table; {@code value} is right-aligned, the other columns left-aligned. */
  record Row(String figure, String value, String detail) {}

  /** The table as text, one row per line, each line ending with a newline. */
  public String render(SimulationReport report) {
    List<Row> rows = new ArrayList<>();
    for (Row row : figures(report)) {
      rows.add(row);
      if (row.figure().equals(REJECTED)) {
        for (Row reason : reasons(report)) {
          rows.add(new Row(INDENT + printable(reason.figure()), reason.value(), reason.detail()));
        }
      }
    }
    int figureWidth = HEADER[0].length();
    int valueWidth = HEADER[1].length();
    for (Row row : rows) {
      figureWidth = Math.max(figureWidth, row.figure().length());
      valueWidth = Math.max(valueWidth, row.value().length());
    }
    StringBuilder out = new StringBuilder();
    line(out, figureWidth, valueWidth, HEADER[0], HEADER[1], HEADER[2]);
    line(out, figureWidth, valueWidth, "-".repeat(figureWidth), "-".repeat(valueWidth), "------");
    for (Row row : rows) {
      line(out, figureWidth, valueWidth, row.figure(), row.value(), row.detail());
    }
    return out.toString();
  }

  /** The key figures, without the per-reason breakdown of rejected input. */
  List<Row> figures(SimulationReport r) {
    SimulationReport.Pool pool = r.pool();
    SimulationReport.Latency latency = r.latencyUs();
    long deliveredTotal = r.delivered().marketData() + r.delivered().critical();
    return List.of(
        new Row(
            "published",
            count(r.published().total()),
            "market data "
                + count(r.published().marketData())
                + ", critical "
                + count(r.published().critical())),
        new Row(
            "delivered",
            count(deliveredTotal),
            "market data "
                + count(r.delivered().marketData())
                + ", critical "
                + count(r.delivered().critical())),
        new Row(
            "critical delivered / expected",
            count(r.critical().delivered()) + " / " + count(r.critical().expected()),
            "delivered share " + share(r.critical().delivered(), r.critical().expected())),
        new Row(
            "stale after flip / delivered",
            count(r.flip().staleAfterFlip()) + " / " + count(r.flip().staleDelivered()),
            "delivered share " + share(r.flip().staleDelivered(), r.flip().staleAfterFlip())),
        new Row("filtered", count(r.filtered()), "market data dropped by the gates"),
        new Row(
            "mailbox conflated / overflowed",
            count(r.mailboxDrops().conflated()) + " / " + count(r.mailboxDrops().overflowed()),
            "market data the strategies' mailboxes replaced / dropped"),
        new Row(
            "failures",
            count(r.failures().total()),
            count(r.failures().withTraceId()) + " with trace id"),
        new Row("pool capacity", count(pool.capacity()), "envelopes"),
        new Row(
            "pool peak in use",
            count(pool.peakInUse()),
            decimal(pool.peakUtilization() * 100, 1) + "% of capacity"),
        new Row("pool in use at end", count(pool.inUseAtEnd()), "envelopes not returned"),
        new Row("pool misses", count(pool.misses()), "acquires that had to allocate"),
        new Row("pool double releases", count(pool.doubleReleases()), ""),
        new Row("pool stale releases", count(pool.staleReleases()), ""),
        new Row("pool unaccounted", count(pool.unaccounted()), "acquired - released - in use"),
        new Row("latency p50", decimal(latency.p50(), 1), HEADLINE),
        new Row("latency p95", decimal(latency.p95(), 1), HEADLINE),
        new Row("latency p99", decimal(latency.p99(), 1), HEADLINE),
        new Row("latency p99.9", decimal(latency.p999(), 1), HEADLINE),
        new Row("latency max", decimal(latency.max(), 1), HEADLINE),
        consolidatedQuotes(r.consolidatedQuotes()),
        new Row("throughput", decimal(r.throughputEps(), 0), "events/s"),
        new Row(REJECTED, count(r.rejectedInput().total()), "lines"),
        new Row(
            "threads leaked",
            r.threadsLeaked() < 0 ? "unknown" : count(r.threadsLeaked()),
            r.threadsLeaked() < 0 ? "the run did not own the ActorSystem" : "non-daemon"),
        new Row("duration", decimal(r.durationS(), 1), "s"));
  }

  /** Consolidated quotes' p99 apart from the headline, with the merge window it includes. */
  private static Row consolidatedQuotes(SimulationReport.ConsolidatedQuotes consolidated) {
    double window = consolidated.mergeWindowMs();
    String wait =
        Double.isFinite(window)
            ? "includes the merge wait (window " + milliseconds(window) + ")"
            : "includes the merge wait";
    SimulationReport.Latency latency = consolidated.latencyUs();
    if (latency.count() == 0) {
      return new Row(CONSOLIDATED, "n/a", "none delivered");
    }
    return new Row(CONSOLIDATED, decimal(latency.p99(), 1), "µs, " + wait);
  }

  /**
   * Rejected input per reason with its share of all rejected lines, most frequent first (ties by
   * name) so the order is stable; the figure column holds the reason as given, unescaped.
   */
  List<Row> reasons(SimulationReport r) {
    long total = r.rejectedInput().total();
    return r.rejectedInput().byReason().entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .map(e -> new Row(e.getKey(), count(e.getValue()), share(e.getValue(), total)))
        .toList();
  }

  private static void line(
      StringBuilder out,
      int figureWidth,
      int valueWidth,
      String figure,
      String value,
      String detail) {
    String text =
        String.format(
            Locale.ROOT, "%-" + figureWidth + "s  %" + valueWidth + "s  %s", figure, value, detail);
    out.append(text.stripTrailing()).append('\n');
  }

  /** A reason comes from input files: a control character would break the columns. */
  private static String printable(String text) {
    return text.replaceAll("\\p{Cntrl}", "?");
  }

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  static String decimal(double value, int decimals) {
    if (!Double.isFinite(value)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  /** A duration in ms, with a decimal only when it has one: "50 ms", "2.5 ms". */
  static String milliseconds(double ms) {
    return decimal(ms, ms % 1 == 0 ? 0 : 1) + " ms";
  }

  private static String share(long part, long whole) {
    return whole == 0 ? "n/a" : decimal(100.0 * part / whole, 1) + "%";
  }
}
