package io.meltica.ingest;

import io.meltica.protocol.EventKind;
import io.meltica.protocol.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local order book of one Coinbase product, from the level2 channel (docs/venues.md): a {@code
 * snapshot} replaces it, each {@code l2update} after it changes it. The level2 channel carries no
 * sequence number, so this book cannot see a hole in it; the feed tells it when matches were lost
 * on the same connection ({@link #markStale}, found by {@link CoinbaseOrdering}).
 *
 * <p>A stale book is announced once by a BOOK_SNAPSHOT with an empty top, and no QUOTE or
 * BOOK_DELTA is published until the next {@code snapshot} of the product; a BOOK_SNAPSHOT with the
 * real top then says the book is back (counted as a resync). Updates before the first snapshot and
 * while stale are dropped: with no sequence there is nothing to bridge them with, and the next
 * snapshot contains them.
 *
 * <p>Allocation: none per update; the levels live in preallocated {@link BookSide}s.
 *
 * <p>Not thread-safe: owned by the one stream stage that keeps a feed's books.
 */
final class CoinbaseBook implements LocalBook {
  private static final Logger log = LoggerFactory.getLogger(CoinbaseBook.class);

  private final int instrumentId;
  private final String instrumentName;
  private final BookSide bids;
  private final BookSide asks;
  private final VenueFeedStats stats;
  private final StalePeriod stalePeriod;
  private final BookEvents events;
  private final QuotedTop quoted = new QuotedTop();
  private boolean inSync;
  private boolean stale;

  CoinbaseBook(
      int instrumentId,
      String instrumentName,
      int levelsPerSide,
      VenueFeedStats stats,
      BookEvents events) {
    this.instrumentId = instrumentId;
    this.instrumentName = instrumentName;
    this.bids = new BookSide(true, levelsPerSide);
    this.asks = new BookSide(false, levelsPerSide);
    this.stats = stats;
    this.stalePeriod = new StalePeriod(stats);
    this.events = events;
  }

  /** Whether a loss was found and no snapshot has brought the book back yet. */
  @Override
  public boolean isStale() {
    return stale;
  }

  /** Whether a snapshot was applied and no loss followed it: the levels are the venue's. */
  boolean isInSync() {
    return inSync;
  }

  BookSide bids() {
    return bids;
  }

  BookSide asks() {
    return asks;
  }

  /** Replaces the book and publishes its top as a BOOK_SNAPSHOT (and a QUOTE if it changed). */
  void onSnapshot(CoinbaseMessage.Snapshot snapshot) {
    bids.clear();
    asks.clear();
    bids.setAll(snapshot.bids());
    asks.setAll(snapshot.asks());
    inSync = true;
    if (stale) {
      stale = false;
      stats.recordResync();
      stalePeriod.end();
      log.info(
          "coinbase {}: book resynced from the snapshot at line {}",
          instrumentName,
          snapshot.lineNumber());
    }
    // level2 has neither sequence nor time on a snapshot: both are 0
    events.top(
        EventKind.BOOK_SNAPSHOT,
        instrumentId,
        snapshot.lineNumber(),
        0,
        0,
        bids.bestPrice(),
        bids.bestSize(),
        asks.bestPrice(),
        asks.bestSize());
    quoted.publishIfChanged(events, instrumentId, snapshot.lineNumber(), 0, 0, bids, asks);
  }

  /** Applies the changes in order, one BOOK_DELTA each, then a QUOTE if the top changed. */
  void onUpdate(CoinbaseMessage.L2Update update) {
    if (!inSync) {
      return; // no snapshot yet, or stale: the next snapshot contains this
    }
    for (int i = 0; i < update.count(); i++) {
      Side side = update.sides()[i];
      long price = update.prices()[i];
      long size = update.sizes()[i];
      (side == Side.BUY ? bids : asks).set(price, size);
      events.delta(instrumentId, update.lineNumber(), 0, update.timeNanos(), side, price, size);
    }
    quoted.publishIfChanged(
        events, instrumentId, update.lineNumber(), 0, update.timeNanos(), bids, asks);
  }

  /**
   * Messages of the product were lost (already counted and logged by the caller): the book goes
   * stale until the next snapshot, and if it was in sync the empty BOOK_SNAPSHOT says so, with
   * {@code sequence} the number that showed the loss. Once stale, further losses change nothing.
   */
  @Override
  public void connectionLost(long lineNumber) {
    if (inSync) {
      markStale(lineNumber, 0, 0);
    }
  }

  void markStale(long lineNumber, long sequence, long eventTimeNanos) {
    if (stale) {
      return;
    }
    stale = true;
    stalePeriod.begin();
    quoted.forget();
    if (inSync) {
      inSync = false;
      events.top(
          EventKind.BOOK_SNAPSHOT, instrumentId, lineNumber, sequence, eventTimeNanos, 0, 0, 0, 0);
    }
  }
}
