package io.meltica.ingest;

import io.meltica.protocol.EventKind;

/**
 * What every venue's local book of one instrument shares, whatever the venue's sequencing rules:
 * the two sides, the stale flag with its {@link StalePeriod} and resync count, the empty-top
 * BOOK_SNAPSHOT that announces a stale book, the real-top BOOK_SNAPSHOT after a snapshot, and the
 * QUOTE published only when the top changed. A subclass applies its venue's messages and decides
 * when the book goes stale and when a snapshot brings it back.
 *
 * <p>Not thread-safe: owned by the one stream stage that keeps a feed's books.
 */
abstract class VenueBook implements LocalBook {
  protected final int instrumentId;
  protected final String instrumentName;
  protected final BookSide bids;
  protected final BookSide asks;
  protected final VenueFeedStats stats;
  protected final BookEvents events;
  private final StalePeriod stalePeriod;
  private final QuotedTop quoted = new QuotedTop();
  private boolean stale;

  /**
   * @param levelsPerSide levels kept on each side
   * @param keepTexts whether the sides also keep each level's price and size as the venue wrote
   *     them (for a checksum over the texts)
   */
  VenueBook(
      int instrumentId,
      String instrumentName,
      int levelsPerSide,
      boolean keepTexts,
      VenueFeedStats stats,
      BookEvents events) {
    this.instrumentId = instrumentId;
    this.instrumentName = instrumentName;
    this.bids = new BookSide(true, levelsPerSide, keepTexts);
    this.asks = new BookSide(false, levelsPerSide, keepTexts);
    this.stats = stats;
    this.stalePeriod = new StalePeriod(stats);
    this.events = events;
  }

  /** Whether something was lost and no snapshot has brought the book back yet. */
  @Override
  public final boolean isStale() {
    return stale;
  }

  final BookSide bids() {
    return bids;
  }

  final BookSide asks() {
    return asks;
  }

  /**
   * The book is stale until a snapshot brings it back: its stale period begins (unless it already
   * has) and the top last quoted is forgotten, so the first QUOTE after the resync goes out.
   */
  protected final void goStale() {
    stalePeriod.begin();
    stale = true;
    quoted.forget();
  }

  /** Announces a stale book: a BOOK_SNAPSHOT with an empty top. */
  protected final void announceStale(long lineNumber, long sequence, long eventTimeNanos) {
    events.top(
        EventKind.BOOK_SNAPSHOT, instrumentId, lineNumber, sequence, eventTimeNanos, 0, 0, 0, 0);
  }

  /**
   * A snapshot was applied and the book is in sync: if it was stale, that is a resync, counted, and
   * its stale period ends.
   *
   * @return whether the book was stale (the caller logs the resync)
   */
  protected final boolean resynced() {
    if (!stale) {
      return false;
    }
    stale = false;
    stats.recordResync();
    stalePeriod.end();
    return true;
  }

  /** Publishes the top as a BOOK_SNAPSHOT, then a QUOTE if it changed. */
  protected final void publishSnapshotTop(long lineNumber, long sequence, long eventTimeNanos) {
    events.top(
        EventKind.BOOK_SNAPSHOT,
        instrumentId,
        lineNumber,
        sequence,
        eventTimeNanos,
        bids.bestPrice(),
        bids.bestSize(),
        asks.bestPrice(),
        asks.bestSize());
    quoteIfTopChanged(lineNumber, sequence, eventTimeNanos);
  }

  /** Publishes a QUOTE of the top if it changed since the last one. */
  protected final void quoteIfTopChanged(long lineNumber, long sequence, long eventTimeNanos) {
    quoted.publishIfChanged(events, instrumentId, lineNumber, sequence, eventTimeNanos, bids, asks);
  }
}
