package io.meltica.ingest;

import io.meltica.protocol.Side;

/**
 * One decoded Coinbase Exchange market-data message, product id already mapped to an instrument id,
 * prices and sizes in fixed point, times in epoch nanoseconds. Field names follow Coinbase's docs;
 * docs/venues.md has the mapping.
 *
 * <p>Immutable once decoded (arrays are never written after the decoder fills them); safe to hand
 * between stream stages.
 */
sealed interface CoinbaseMessage {
  /** The 1-based line of the recording it came from. */
  long lineNumber();

  /**
   * {@code match} or {@code last_match}: {@code trade_id} (consecutive per product), {@code
   * sequence}, {@code price}, {@code size}, {@code time}; {@code aggressor} is the opposite of
   * Coinbase's {@code side}, which is the maker's.
   */
  record Match(
      long lineNumber,
      int instrumentId,
      long tradeId,
      long sequence,
      long price,
      long size,
      long timeNanos,
      Side aggressor)
      implements CoinbaseMessage {}

  /** {@code ticker}: {@code sequence}, the best bid and ask with their sizes, {@code time}. */
  record Ticker(
      long lineNumber,
      int instrumentId,
      long sequence,
      long timeNanos,
      long bidPrice,
      long bidSize,
      long askPrice,
      long askSize)
      implements CoinbaseMessage {}

  /**
   * {@code heartbeat}: {@code sequence}, and {@code last_trade_id}, the product's latest trade when
   * it was sent, against which lost matches show.
   */
  record Heartbeat(
      long lineNumber, int instrumentId, long sequence, long lastTradeId, long timeNanos)
      implements CoinbaseMessage {}

  /** {@code snapshot} of the level2 channel: every level of both sides. */
  record Snapshot(long lineNumber, int instrumentId, BookLevels bids, BookLevels asks)
      implements CoinbaseMessage {}

  /**
   * {@code l2update}: level changes in the order sent, {@code changes[i]} = ({@code sides[i]},
   * {@code prices[i]}, {@code sizes[i]}); a size of 0 removes the level.
   */
  record L2Update(
      long lineNumber, int instrumentId, long timeNanos, Side[] sides, long[] prices, long[] sizes)
      implements CoinbaseMessage {
    int count() {
      return prices.length;
    }
  }

  /** {@code subscriptions}: the answer to the subscribe that starts a recording; nothing to do. */
  record Subscriptions(long lineNumber) implements CoinbaseMessage {}
}
