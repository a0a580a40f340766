package io.meltica.ingest;

import io.meltica.ingest.OkxMessage.Book;
import io.meltica.ingest.OkxMessage.Levels;
import io.meltica.protocol.Side;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local order book of one OKX instrument, kept in sequence by OKX's documented rules
 * (docs/venues.md): a {@code snapshot} replaces the book; an {@code update} applies only if its
 * {@code prevSeqId} is the {@code seqId} last applied, which also covers the keep-alive update
 * ({@code seqId == prevSeqId}, no levels) and the maintenance reset ({@code seqId < prevSeqId}:
 * applied, and the sequence goes on from the smaller {@code seqId}). After each applied message the
 * CRC32 of the top 25 levels, as OKX wrote them, must equal its {@code checksum}; a checksum of 0
 * is not checked, because OKX sends 0 in every message since it deprecated the field (June 2026).
 *
 * <p>A gap or a failed checksum makes the book <em>stale</em>: counted and logged once, announced
 * by a BOOK_SNAPSHOT with an empty top, no QUOTE or BOOK_DELTA until the next {@code snapshot}
 * line, which resyncs it (OKX sends one on every (re)subscription, so there is nothing to buffer).
 * A message is applied to the levels first and published only once its checksum matched.
 *
 * <p>Allocation: none per update in steady state. The levels live in preallocated {@link BookSide}s
 * that also keep references to the decoder's price and size strings (no copy), and the checksum
 * runs a reused {@link CRC32} over their chars.
 *
 * <p>Not thread-safe: owned by the one stream stage that keeps a feed's books.
 */
final class OkxBook extends VenueBook {
  /** OKX checksums the best 25 levels of each side. */
  static final int CHECKSUM_LEVELS = 25;

  private static final Logger log = LoggerFactory.getLogger(OkxBook.class);

  private final CRC32 crc = new CRC32();
  private boolean inSync;
  private long lastSeqId;

  OkxBook(
      int instrumentId,
      String instrumentName,
      int levelsPerSide,
      VenueFeedStats stats,
      BookEvents events) {
    super(instrumentId, instrumentName, levelsPerSide, true, stats, events);
  }

  /** Whether a snapshot was applied and nothing went wrong since: the levels are the venue's. */
  boolean isInSync() {
    return inSync;
  }

  /** The {@code seqId} of the last message applied. */
  long lastSeqId() {
    return lastSeqId;
  }

  void onMessage(Book book) {
    if (book.snapshot()) {
      onSnapshot(book);
    } else {
      onUpdate(book);
    }
  }

  private void onSnapshot(Book snapshot) {
    bids.clear();
    asks.clear();
    apply(snapshot);
    if (!checksumMatches(snapshot)) {
      return;
    }
    inSync = true;
    if (resynced()) {
      log.info(
          "okx {}: book resynced from the snapshot at line {} (seqId {})",
          instrumentName,
          snapshot.lineNumber(),
          lastSeqId);
    }
    publishSnapshotTop(snapshot.lineNumber(), lastSeqId, snapshot.timeNanos());
  }

  private void onUpdate(Book update) {
    if (!inSync) {
      return; // before the first snapshot, or stale: the next snapshot replaces everything
    }
    if (update.prevSeqId() != lastSeqId) {
      stats.recordGap();
      log.warn(
          "okx {}: sequence gap at line {}: expected prevSeqId {}, got prevSeqId={} seqId={}; book"
              + " stale until the next snapshot",
          instrumentName,
          update.lineNumber(),
          lastSeqId,
          update.prevSeqId(),
          update.seqId());
      markStale(update);
      return;
    }
    apply(update);
    if (!checksumMatches(update)) {
      return;
    }
    publishDeltas(update, update.bids(), Side.BUY);
    publishDeltas(update, update.asks(), Side.SELL);
    quoteIfTopChanged(update.lineNumber(), lastSeqId, update.timeNanos());
  }

  private void apply(Book book) {
    setAll(bids, book.bids());
    setAll(asks, book.asks());
    lastSeqId = book.seqId();
  }

  /** Checks the venue checksum; on a mismatch counts, logs and marks the book stale. */
  private boolean checksumMatches(Book book) {
    if (book.checksum() == 0) {
      return true; // OKX's "deprecated, always 0": nothing to check
    }
    int computed = checksum(bids, asks, crc);
    if (computed == book.checksum()) {
      return true;
    }
    stats.recordChecksumFailure();
    log.warn(
        "okx {}: checksum mismatch at line {} (seqId {}): expected {}, computed {}; book stale"
            + " until the next snapshot",
        instrumentName,
        book.lineNumber(),
        book.seqId(),
        book.checksum(),
        computed);
    markStale(book);
    return false;
  }

  /**
   * OKX's checksum: CRC32 of {@code bidPx:bidSz:askPx:askSz:...} over the best {@value
   * #CHECKSUM_LEVELS} levels of each side, interleaved while both have one, as the texts were
   * received, read as a signed 32-bit integer. {@code crc} is reset and reused.
   */
  static int checksum(BookSide bids, BookSide asks, CRC32 crc) {
    crc.reset();
    boolean first = true;
    for (int level = 0; level < CHECKSUM_LEVELS; level++) {
      if (level < bids.count()) {
        first = append(crc, first, bids.priceTextAt(level), bids.sizeTextAt(level));
      }
      if (level < asks.count()) {
        first = append(crc, first, asks.priceTextAt(level), asks.sizeTextAt(level));
      }
    }
    return (int) crc.getValue();
  }

  private static boolean append(CRC32 crc, boolean first, String price, String size) {
    if (!first) {
      crc.update(':');
    }
    ascii(crc, price);
    crc.update(':');
    ascii(crc, size);
    return false;
  }

  /** The decoder admits only ASCII decimals, so each char is one byte. */
  private static void ascii(CRC32 crc, String text) {
    for (int i = 0; i < text.length(); i++) {
      crc.update(text.charAt(i));
    }
  }

  @Override
  public void connectionLost(long lineNumber) {
    if (inSync) {
      markStale(lineNumber, 0);
    }
  }

  private void markStale(Book book) {
    markStale(book.lineNumber(), book.timeNanos());
  }

  private void markStale(long lineNumber, long eventTimeNanos) {
    goStale();
    inSync = false;
    announceStale(lineNumber, lastSeqId, eventTimeNanos);
  }

  private void publishDeltas(Book update, Levels levels, Side side) {
    for (int i = 0; i < levels.count(); i++) {
      events.delta(
          instrumentId,
          update.lineNumber(),
          update.seqId(),
          update.timeNanos(),
          side,
          levels.prices()[i],
          levels.sizes()[i]);
    }
  }

  private static void setAll(BookSide side, Levels levels) {
    for (int i = 0; i < levels.count(); i++) {
      side.set(
          levels.prices()[i], levels.sizes()[i], levels.priceTexts()[i], levels.sizeTexts()[i]);
    }
  }
}
