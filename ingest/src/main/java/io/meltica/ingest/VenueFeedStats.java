package io.meltica.ingest;

import io.meltica.actors.LatencyWindow;
import io.meltica.protocol.counters.Counters;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one venue's feed went through: messages decoded, lines rejected by the decoder, sequence
 * gaps and checksum failures found, live connections lost, books resynced from a snapshot after one
 * of those, how long books were stale, and (for a live feed) the lag from the venue's event time to
 * ingest (docs/venues.md).
 *
 * <p>Thread-safe: {@link LongAdder}s, counted by the stream stage that keeps the books and read by
 * reporters at any time. A read while the feed runs is recent, not a snapshot; once the stream has
 * completed (which happens-before its completion is observed) the reads are exact.
 */
public final class VenueFeedStats {
  private final String venue;
  private final LongAdder messages = new LongAdder();
  private final LongAdder rejects = new LongAdder();
  private final LongAdder gaps = new LongAdder();
  private final LongAdder resyncs = new LongAdder();
  private final LongAdder checksumFailures = new LongAdder();
  private final LongAdder booksStale = new LongAdder();
  private final LongAdder staleNanos = new LongAdder();
  private final LatencyWindow lag;
  private final LongAdder disconnects = new LongAdder();

  /** The stats of a recorded feed: the venue's event times are history, so no lag is measured. */
  public VenueFeedStats(String venue) {
    this(venue, false);
  }

  private VenueFeedStats(String venue, boolean measuresLag) {
    this.venue = venue;
    this.lag = measuresLag ? new LatencyWindow() : null;
  }

  /** The stats of a live feed, which also measure the lag from the venue's event time to ingest. */
  public static VenueFeedStats live(String venue) {
    return new VenueFeedStats(venue, true);
  }

  public String venue() {
    return venue;
  }

  void recordMessage() {
    messages.increment();
  }

  void recordReject() {
    rejects.increment();
  }

  void recordGap() {
    gaps.increment();
  }

  void recordChecksumFailure() {
    checksumFailures.increment();
  }

  void recordDisconnect() {
    disconnects.increment();
  }

  void recordResync() {
    resyncs.increment();
  }

  void staleBegan() {
    booksStale.increment();
  }

  void staleEnded(long nanos) {
    booksStale.decrement();
    staleNanos.add(nanos);
  }

  /** Whether {@link #recordLag} is worth calling: only a live feed measures lag. */
  boolean measuresLag() {
    return lag != null;
  }

  /**
   * One event's lag: {@code receivedEpochNanos} (the wall clock when its message was decoded) minus
   * the venue's {@code eventTimeNanos}. Negative (clock skew) counts as 0. Allocation-free.
   */
  void recordLag(long receivedEpochNanos, long eventTimeNanos) {
    lag.record(receivedEpochNanos - eventTimeNanos);
  }

  /** Lines decoded into a valid message. */
  public long messages() {
    return messages.sum();
  }

  /** Lines the decoder rejected (also counted per reason in {@link IngestStats}). */
  public long decodeRejects() {
    return rejects.sum();
  }

  /** Sequence gaps: each one made a book stale. */
  public long gaps() {
    return gaps.sum();
  }

  /** Stale books brought back by a snapshot. */
  public long resyncs() {
    return resyncs.sum();
  }

  /** Books whose venue checksum did not match after an update: each one made a book stale. */
  public long checksumFailures() {
    return checksumFailures.sum();
  }

  /** Live connections that ended or failed: each one made every book in sync stale. */
  public long disconnects() {
    return disconnects.sum();
  }

  /** Books stale right now: gone stale and not yet resynced. */
  public long booksStale() {
    return booksStale.sum();
  }

  /** Time books spent stale, summed over books, for the periods a resync has ended. */
  public long staleNanos() {
    return staleNanos.sum();
  }

  /** Lag percentiles in microseconds so far, or an empty summary for a recorded feed. */
  public Lag lag() {
    if (lag == null) {
      return Lag.NONE;
    }
    org.HdrHistogram.Histogram total = lag.total();
    return new Lag(
        total.getTotalCount(),
        micros(total.getValueAtPercentile(50)),
        micros(total.getValueAtPercentile(99)),
        micros(total.getMaxValue()));
  }

  private static double micros(long nanos) {
    return nanos / 1_000.0;
  }

  /** Everything above, read once, for a report. */
  public Summary summary() {
    return new Summary(
        venue,
        messages(),
        decodeRejects(),
        gaps(),
        checksumFailures(),
        disconnects(),
        resyncs(),
        booksStale(),
        TimeUnit.NANOSECONDS.toMillis(staleNanos()),
        lag());
  }

  /** The lag from the venue's event time to ingest, in microseconds; {@code count} 0 if none. */
  public record Lag(long count, double p50Us, double p99Us, double maxUs) {
    public static final Lag NONE = new Lag(0, 0, 0, 0);
  }

  /** A feed's figures as a report shows them (JSON keys in this order). */
  public record Summary(
      String venue,
      long messages,
      long decodeRejects,
      long gaps,
      long checksumFailures,
      long disconnects,
      long resyncs,
      long booksStaleAtEnd,
      long staleMs,
      Lag lag) {}

  /** One line for the end of a run's summary. */
  public String summaryLine() {
    return venue
        + " feed: messages "
        + messages()
        + ", gaps "
        + gaps()
        + ", resyncs "
        + resyncs()
        + ", decode rejects "
        + decodeRejects()
        + ", checksum failures "
        + checksumFailures()
        + ", disconnects "
        + disconnects()
        + ", stale "
        + TimeUnit.NANOSECONDS.toMillis(staleNanos())
        + " ms"
        + (booksStale() > 0 ? " (" + booksStale() + " books still stale)" : "")
        + (lag == null ? "" : lagLine(lag()));
  }

  private static String lagLine(Lag lag) {
    return String.format(
        java.util.Locale.ROOT,
        ", lag p50 %.0f us, p99 %.0f us, max %.0f us",
        lag.p50Us(),
        lag.p99Us(),
        lag.maxUs());
  }

  @Override
  public String toString() {
    return "VenueFeedStats[" + summaryLine() + "]";
  }

  /**
   * Registers {@code
   * meltica.venue.messages|gaps|resyncs|rejected|checksum_failures|disconnects|stale_nanos}, the
   * gauge {@code meltica.venue.books_stale} and, for a live feed, the histogram {@code
   * meltica.venue.lag}, labelled by venue.
   */
  public void registerIn(Counters counters) {
    Map<String, String> labels = Map.of("venue", venue);
    counters.counter("meltica.venue.messages", labels, this::messages);
    counters.counter("meltica.venue.gaps", labels, this::gaps);
    counters.counter("meltica.venue.resyncs", labels, this::resyncs);
    counters.counter("meltica.venue.rejected", labels, this::decodeRejects);
    counters.counter("meltica.venue.checksum_failures", labels, this::checksumFailures);
    counters.counter("meltica.venue.stale_nanos", labels, this::staleNanos);
    counters.gauge("meltica.venue.books_stale", labels, this::booksStale);
    if (lag != null) {
      counters.histogram("meltica.venue.lag", labels, lag::newWindow);
    }
    counters.counter("meltica.venue.disconnects", labels, this::disconnects);
  }
}
