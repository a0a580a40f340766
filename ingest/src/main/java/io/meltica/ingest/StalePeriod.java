package io.meltica.ingest;

/**
 * One book's time out of sync: from the gap, failed checksum or lost connection that made it stale
 * to the snapshot that resynced it, added to its venue's {@link VenueFeedStats} (docs/venues.md).
 * Measured on the monotonic clock of the process, so for a replay it is how long the replay ran
 * with the book stale, not the venue's time.
 *
 * <p>Not thread-safe: owned by its book and used by the one stream stage that keeps the book.
 */
final class StalePeriod {
  private final VenueFeedStats stats;
  private boolean open;
  private long beganNanos;

  StalePeriod(VenueFeedStats stats) {
    this.stats = stats;
  }

  /** The book went stale; a no-op while it already is (a second gap before the resync). */
  void begin() {
    if (!open) {
      open = true;
      beganNanos = System.nanoTime();
      stats.staleBegan();
    }
  }

  /** A snapshot resynced the book; a no-op if it was not stale. */
  void end() {
    if (open) {
      open = false;
      stats.staleEnded(System.nanoTime() - beganNanos);
    }
  }
}
