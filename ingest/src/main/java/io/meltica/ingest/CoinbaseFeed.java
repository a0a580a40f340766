package io.meltica.ingest;

import io.meltica.protocol.EventKind;
import io.meltica.protocol.IdRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one run through a Coinbase recording: decodes each line, keeps one {@link
 * CoinbaseBook} per product and the {@link CoinbaseOrdering} of every channel, and turns what
 * happened into records by way of {@link VenueFeed}. A gap in trade ids makes the product's book
 * stale; the trade that showed it is still published (a trade is a trade), its ticker is withheld
 * until the book is back.
 *
 * <p>Not thread-safe: one per materialization of {@link CoinbaseVenue#inputs()}, called by its one
 * stream stage.
 */
final class CoinbaseFeed extends VenueFeed<CoinbaseMessage> {
  private static final Logger log = LoggerFactory.getLogger(CoinbaseVenue.class);

  private final InstrumentBooks<CoinbaseBook> books;
  private final CoinbaseOrdering ordering;

  CoinbaseFeed(
      String fileName,
      CoinbaseDecoder decoder,
      IdRegistry ids,
      int levelsPerSide,
      IngestStats ingest,
      VenueFeedStats feed) {
    super(fileName, decoder, log, ids, ingest, feed);
    this.books =
        new InstrumentBooks<>(
            ids,
            instrumentId ->
                new CoinbaseBook(
                    instrumentId, ids.instrumentSymbol(instrumentId), levelsPerSide, feed, this));
    this.ordering = new CoinbaseOrdering(ids, feed);
  }

  @Override
  void handle(CoinbaseMessage message) {
    if (message instanceof CoinbaseMessage.Match match) {
      match(match);
    } else if (message instanceof CoinbaseMessage.Ticker ticker) {
      ticker(ticker);
    } else if (message instanceof CoinbaseMessage.Heartbeat heartbeat) {
      if (ordering.heartbeat(heartbeat) == CoinbaseOrdering.Verdict.GAP) {
        book(heartbeat.instrumentId())
            .markStale(heartbeat.lineNumber(), heartbeat.lastTradeId(), heartbeat.timeNanos());
      }
    } else if (message instanceof CoinbaseMessage.L2Update update) {
      book(update.instrumentId()).onUpdate(update);
    } else if (message instanceof CoinbaseMessage.Snapshot snapshot) {
      book(snapshot.instrumentId()).onSnapshot(snapshot);
    } // Subscriptions: nothing to publish
  }

  @Override
  void markBooksStale(long lineNumber) {
    books.connectionLost(lineNumber);
  }

  /** The book of {@code instrumentId}, made on its first message. */
  CoinbaseBook book(int instrumentId) {
    return books.get(instrumentId);
  }

  private void match(CoinbaseMessage.Match match) {
    CoinbaseOrdering.Verdict verdict = ordering.match(match);
    if (verdict == CoinbaseOrdering.Verdict.DROPPED) {
      return;
    }
    if (verdict == CoinbaseOrdering.Verdict.GAP) {
      book(match.instrumentId()).markStale(match.lineNumber(), match.tradeId(), match.timeNanos());
    }
    trade(
        match.instrumentId(),
        match.lineNumber(),
        match.tradeId(),
        match.timeNanos(),
        match.price(),
        match.size(),
        match.aggressor());
  }

  /** Coinbase's own best bid and ask, as a QUOTE; withheld while the product's book is stale. */
  private void ticker(CoinbaseMessage.Ticker ticker) {
    if (ordering.ticker(ticker) == CoinbaseOrdering.Verdict.DROPPED) {
      return;
    }
    if (books.isStale(ticker.instrumentId())) {
      return;
    }
    top(
        EventKind.QUOTE,
        ticker.instrumentId(),
        ticker.lineNumber(),
        ticker.sequence(),
        ticker.timeNanos(),
        ticker.bidPrice(),
        ticker.bidSize(),
        ticker.askPrice(),
        ticker.askSize());
  }
}
