package io.meltica.ingest;

import io.meltica.protocol.EventKind;

/**
 * The top of book last published as a QUOTE by one local book, so that a QUOTE goes out only when
 * the top changed. Not thread-safe: owned by its book.
 */
final class QuotedTop {
  private long bidPrice;
  private long bidSize;
  private long askPrice;
  private long askSize;

  /** Publishes a QUOTE of the sides' best levels if they differ from the last one published. */
  void publishIfChanged(
      BookEvents events,
      int instrumentId,
      long lineNumber,
      long sequence,
      long eventTimeNanos,
      BookSide bids,
      BookSide asks) {
    long newBidPrice = bids.bestPrice();
    long newBidSize = bids.bestSize();
    long newAskPrice = asks.bestPrice();
    long newAskSize = asks.bestSize();
    if (newBidPrice == bidPrice
        && newBidSize == bidSize
        && newAskPrice == askPrice
        && newAskSize == askSize) {
      return;
    }
    bidPrice = newBidPrice;
    bidSize = newBidSize;
    askPrice = newAskPrice;
    askSize = newAskSize;
    events.top(
        EventKind.QUOTE,
        instrumentId,
        lineNumber,
        sequence,
        eventTimeNanos,
        bidPrice,
        bidSize,
        askPrice,
        askSize);
  }

  /** After a stale mark: the next top is published whatever it is. */
  void forget() {
    bidPrice = bidSize = askPrice = askSize = 0;
  }
}
