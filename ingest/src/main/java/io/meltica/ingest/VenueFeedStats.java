package io.meltica.ingest;

import io.meltica.protocol.counters.Counters;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one venue's feed went through: messages decoded, lines rejected by the decoder, sequence
 * gaps and checksum failures found, live connections lost, and books resynced from a snapshot after
 * one of those (docs/venues.md).
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
  private final LongAdder disconnects = new LongAdder();

  public VenueFeedStats(String venue) {
    this.venue = venue;
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
        + disconnects();
  }

  @Override
  public String toString() {
    return "VenueFeedStats[" + summaryLine() + "]";
  }

  /**
   * Registers {@code meltica.venue.messages|gaps|resyncs|rejected|checksum_failures|disconnects},
   * labelled by venue.
   */
  public void registerIn(Counters counters) {
    Map<String, String> labels = Map.of("venue", venue);
    counters.counter("meltica.venue.messages", labels, this::messages);
    counters.counter("meltica.venue.gaps", labels, this::gaps);
    counters.counter("meltica.venue.resyncs", labels, this::resyncs);
    counters.counter("meltica.venue.rejected", labels, this::decodeRejects);
    counters.counter("meltica.venue.checksum_failures", labels, this::checksumFailures);
    counters.counter("meltica.venue.disconnects", labels, this::disconnects);
  }
}
