package io.meltica.ingest;

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
final class CoinbaseBook extends VenueBook {
  private static final Logger log = LoggerFactory.getLogger(CoinbaseBook.class);

  private boolean inSync;

  CoinbaseBook(
      int instrumentId,
      String instrumentName,
      int levelsPerSide,
      VenueFeedStats stats,
      BookEvents events) {
    super(instrumentId, instrumentName, levelsPerSide, false, stats, events);
  }

  /** Whether a snapshot was applied and no loss followed it: the levels are the venue's. */
  boolean isInSync() {
    return inSync;
  }

  /** Replaces the book and publishes its top as a BOOK_SNAPSHOT (and a QUOTE if it changed). */
  void onSnapshot(CoinbaseMessage.Snapshot snapshot) {
    bids.clear();
    asks.clear();
    bids.setAll(snapshot.bids());
    asks.setAll(snapshot.asks());
    inSync = true;
    if (resynced()) {
      log.info(
          "coinbase {}: book resynced from the snapshot at line {}",
          instrumentName,
          snapshot.lineNumber());
    }
    publishSnapshotTop(snapshot.lineNumber(), 0, 0); // level2 has no sequence or time on one
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
    quoteIfTopChanged(update.lineNumber(), 0, update.timeNanos());
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
    if (isStale()) {
      return;
    }
    goStale();
    if (inSync) {
      inSync = false;
      announceStale(lineNumber, sequence, eventTimeNanos);
    }
  }
}
