package io.meltica.app.report;

import io.meltica.ingest.VenueFeedStats;
import java.util.ArrayList;
import java.util.List;

/**
 * A venue feed's figures (docs/venues.md) as report rows: what was decoded and rejected, the gaps
 * and failed checksums that made books stale, the resyncs that ended it, how long books were stale,
 * and for a live feed the lag from the venue's event time to ingest. Stateless.
 */
final class FeedTable {
  private FeedTable() {}

  static List<SummaryTable.Row> rows(VenueFeedStats.Summary feed) {
    List<SummaryTable.Row> rows = new ArrayList<>();
    rows.add(count("messages", feed.messages(), "decoded into a valid message"));
    rows.add(count("decode rejects", feed.decodeRejects(), "also under rejected input, by reason"));
    rows.add(count("sequence gaps", feed.gaps(), "each made one book stale"));
    rows.add(count("checksum failures", feed.checksumFailures(), "each made one book stale"));
    rows.add(count("disconnects", feed.disconnects(), "live connections lost; books stale"));
    rows.add(count("resyncs", feed.resyncs(), "stale books brought back by a snapshot"));
    rows.add(
        new SummaryTable.Row(
            "stale time",
            SummaryTable.count(feed.staleMs()) + " ms",
            "summed over books, gap to resync"));
    rows.add(count("books stale at the end", feed.booksStaleAtEnd(), "waiting for a snapshot"));
    VenueFeedStats.Lag lag = feed.lag();
    if (lag.count() > 0) {
      rows.add(
          new SummaryTable.Row(
              "lag p50 / p99 / max",
              SummaryTable.decimal(lag.p50Us() / 1_000, 1)
                  + " / "
                  + SummaryTable.decimal(lag.p99Us() / 1_000, 1)
                  + " / "
                  + SummaryTable.decimal(lag.maxUs() / 1_000, 1)
                  + " ms",
              "venue event time to ingest, " + SummaryTable.count(lag.count()) + " events"));
    }
    return rows;
  }

  private static SummaryTable.Row count(String figure, long value, String detail) {
    return new SummaryTable.Row(figure, SummaryTable.count(value), detail);
  }
}
