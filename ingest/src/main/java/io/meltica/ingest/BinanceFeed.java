package io.meltica.ingest;

import io.meltica.protocol.EventKind;
import io.meltica.protocol.IdRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one run through a Binance recording: decodes each line, keeps one {@link
 * BinanceBook} per instrument, and turns what happened into records (trades and book tickers
 * directly, book events through the books) by way of {@link VenueFeed}.
 *
 * <p>Not thread-safe: one per materialization of {@link BinanceVenue#inputs()}, called by its one
 * stream stage.
 */
final class BinanceFeed extends VenueFeed<BinanceMessage> {
  private static final Logger log = LoggerFactory.getLogger(BinanceVenue.class);

  private final InstrumentBooks<BinanceBook> books;

  BinanceFeed(
      String fileName,
      BinanceDecoder decoder,
      IdRegistry ids,
      int levelsPerSide,
      int bufferedUpdates,
      IngestStats ingest,
      VenueFeedStats feed) {
    super(fileName, decoder, log, ids, ingest, feed);
    this.books =
        new InstrumentBooks<>(
            ids,
            instrumentId ->
                new BinanceBook(
                    instrumentId,
                    ids.instrumentSymbol(instrumentId),
                    levelsPerSide,
                    bufferedUpdates,
                    feed,
                    this));
  }

  @Override
  void handle(BinanceMessage message) {
    if (message instanceof BinanceMessage.DepthUpdate update) {
      book(update.instrumentId()).onUpdate(update);
    } else if (message instanceof BinanceMessage.Trade trade) {
      trade(
          trade.instrumentId(),
          trade.lineNumber(),
          trade.tradeId(),
          trade.tradeTimeNanos(),
          trade.price(),
          trade.quantity(),
          trade.aggressor());
    } else if (message instanceof BinanceMessage.BookTicker ticker) {
      bookTicker(ticker);
    } else {
      BinanceMessage.DepthSnapshot snapshot = (BinanceMessage.DepthSnapshot) message;
      book(snapshot.instrumentId()).onSnapshot(snapshot);
    }
  }

  @Override
  void markBooksStale(long lineNumber) {
    books.connectionLost(lineNumber);
  }

  /** The book of {@code instrumentId}, made on its first message. */
  BinanceBook book(int instrumentId) {
    return books.get(instrumentId);
  }

  /** Binance's own best bid and ask, as a QUOTE; withheld while the instrument's book is stale. */
  private void bookTicker(BinanceMessage.BookTicker ticker) {
    if (books.isStale(ticker.instrumentId())) {
      return;
    }
    top(
        EventKind.QUOTE,
        ticker.instrumentId(),
        ticker.lineNumber(),
        ticker.updateId(),
        0,
        ticker.bidPrice(),
        ticker.bidSize(),
        ticker.askPrice(),
        ticker.askSize());
  }
}
