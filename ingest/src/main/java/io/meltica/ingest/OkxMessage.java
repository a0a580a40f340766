package io.meltica.ingest;

import io.meltica.protocol.Side;
import java.util.List;

/**
 * One decoded OKX v5 public push, instId already mapped to an instrument id, prices and sizes in
 * fixed point. Field names follow OKX's docs; docs/venues.md has the mapping.
 *
 * <p>Immutable once decoded (the level arrays are never written after the decoder fills them); safe
 * to hand between stream stages.
 */
sealed interface OkxMessage {
  /** The 1-based line of the recording it came from. */
  long lineNumber();

  /** A {@code trades} push: one or more trades, in the order sent. */
  record Trades(long lineNumber, List<Trade> trades) implements OkxMessage {}

  /** One element of a {@code trades} push's {@code data}. */
  record Trade(
      int instrumentId, long tradeId, long price, long size, long tradeTimeNanos, Side aggressor) {}

  /**
   * A {@code books} push: {@code action} {@code snapshot} (the whole book) or {@code update}
   * (changed levels), with {@code seqId}, {@code prevSeqId} ({@code -1} on a snapshot) and the
   * venue's CRC32 {@code checksum} of the top 25 levels after it is applied.
   */
  record Book(
      long lineNumber,
      int instrumentId,
      boolean snapshot,
      long seqId,
      long prevSeqId,
      int checksum,
      long timeNanos,
      Levels bids,
      Levels asks)
      implements OkxMessage {}

  /**
   * Price levels as sent: fixed point for the book, and the strings as received for the checksum,
   * which is computed over OKX's own text ({@code "3366.10"} and {@code "3366.1"} differ there). A
   * size of 0 removes the level.
   */
  record Levels(long[] prices, long[] sizes, String[] priceTexts, String[] sizeTexts) {
    static final Levels NONE = new Levels(new long[0], new long[0], new String[0], new String[0]);

    int count() {
      return prices.length;
    }
  }
}
