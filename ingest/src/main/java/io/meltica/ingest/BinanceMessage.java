package io.meltica.ingest;

import io.meltica.protocol.Side;

/**
 * One decoded Binance spot market-data message, symbol already mapped to an instrument id, prices
 * and sizes in fixed point. Field names follow Binance's docs; docs/venues.md has the mapping.
 *
 * <p>Immutable once decoded (the level arrays are never written after the decoder fills them); safe
 * to hand between stream stages.
 */
sealed interface BinanceMessage {
  /** The 1-based line of the recording it came from. */
  long lineNumber();

  /** The mapped instrument. */
  int instrumentId();

  /** {@code trade}: {@code t} id, {@code p}, {@code q}, {@code T} ms, {@code m} buyer is maker. */
  record Trade(
      long lineNumber,
      int instrumentId,
      long tradeId,
      long price,
      long quantity,
      long tradeTimeNanos,
      Side aggressor)
      implements BinanceMessage {}

  /** {@code bookTicker}: {@code u}, {@code b}/{@code B} best bid, {@code a}/{@code A} best ask. */
  record BookTicker(
      long lineNumber,
      int instrumentId,
      long updateId,
      long bidPrice,
      long bidSize,
      long askPrice,
      long askSize)
      implements BinanceMessage {}

  /** {@code depthUpdate}: {@code U} first and {@code u} last update id, {@code E} event time. */
  record DepthUpdate(
      long lineNumber,
      int instrumentId,
      long firstUpdateId,
      long lastUpdateId,
      long eventTimeNanos,
      BookLevels bids,
      BookLevels asks)
      implements BinanceMessage {}

  /** The REST depth snapshot, named by a {@code {"snapshot":SYMBOL,"data":{...}}} line. */
  record DepthSnapshot(
      long lineNumber, int instrumentId, long lastUpdateId, BookLevels bids, BookLevels asks)
      implements BinanceMessage {}
}
