package io.meltica.ingest;

import io.meltica.protocol.IdRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one run through an OKX recording: decodes each line, keeps one {@link OkxBook} per
 * instrument, and turns what happened into records by way of {@link VenueFeed}.
 *
 * <p>Not thread-safe: one per materialization of {@link OkxVenue#inputs()}, called by its one
 * stream stage.
 */
final class OkxFeed extends VenueFeed<OkxMessage> {
  private static final Logger log = LoggerFactory.getLogger(OkxVenue.class);

  private final InstrumentBooks<OkxBook> books;

  OkxFeed(
      String fileName,
      OkxDecoder decoder,
      IdRegistry ids,
      int levelsPerSide,
      IngestStats ingest,
      VenueFeedStats feed) {
    super(fileName, decoder, log, ids, ingest, feed);
    this.books =
        new InstrumentBooks<>(
            ids,
            instrumentId ->
                new OkxBook(
                    instrumentId, ids.instrumentSymbol(instrumentId), levelsPerSide, feed, this));
  }

  @Override
  void handle(OkxMessage message) {
    if (message instanceof OkxMessage.Book book) {
      book(book.instrumentId()).onMessage(book);
    } else {
      OkxMessage.Trades trades = (OkxMessage.Trades) message;
      for (OkxMessage.Trade trade : trades.trades()) {
        trade(
            trade.instrumentId(),
            trades.lineNumber(),
            trade.tradeId(),
            trade.tradeTimeNanos(),
            trade.price(),
            trade.size(),
            trade.aggressor());
      }
    }
  }

  @Override
  void markBooksStale(long lineNumber) {
    books.connectionLost(lineNumber);
  }

  /** The book of {@code instrumentId}, made on its first message. */
  OkxBook book(int instrumentId) {
    return books.get(instrumentId);
  }
}
