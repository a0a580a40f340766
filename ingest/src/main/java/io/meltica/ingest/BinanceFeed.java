package io.meltica.ingest;

import io.meltica.protocol.EventKind;
import io.meltica.protocol.IdRegistry;
import io.meltica.protocol.Side;
import io.meltica.protocol.TraceIds;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one run through a Binance recording: decodes each line, keeps one {@link
 * BinanceBook} per instrument, and turns what happened into the records the data bus fills
 * envelopes from (trades and book tickers directly, book events through the books).
 *
 * <p>Every record of a line carries that line's trace id, {@code TraceIds.derive(seed, line)}, so a
 * trace id in a log leads back to the line that caused it.
 *
 * <p>Not thread-safe: one per materialization of {@link BinanceVenue#inputs()}, called by its one
 * stream stage.
 */
final class BinanceFeed implements BookEvents {
  private static final Logger log = LoggerFactory.getLogger(BinanceVenue.class);

  private final String fileName;
  private final BinanceDecoder decoder;
  private final IdRegistry ids;
  private final int venueId;
  private final long traceSeed;
  private final int levelsPerSide;
  private final int bufferedUpdates;
  private final IngestStats ingest;
  private final VenueFeedStats feed;
  private final BinanceBook[] books;
  private List<ReplayRecord> out = new ArrayList<>();

  BinanceFeed(
      String fileName,
      BinanceDecoder decoder,
      IdRegistry ids,
      int levelsPerSide,
      int bufferedUpdates,
      IngestStats ingest,
      VenueFeedStats feed) {
    this.fileName = fileName;
    this.decoder = decoder;
    this.ids = ids;
    this.venueId = ids.venueId(feed.venue());
    this.traceSeed = ReplayVenue.traceSeed(fileName);
    this.levelsPerSide = levelsPerSide;
    this.bufferedUpdates = bufferedUpdates;
    this.ingest = ingest;
    this.feed = feed;
    this.books = new BinanceBook[ids.instrumentCount() + 1];
  }

  /** The records one line makes, in order; none for a rejected line. */
  List<ReplayRecord> onFrame(LineFramer.Frame frame) {
    BinanceDecoder.Result result = decoder.decode(frame);
    if (result instanceof BinanceDecoder.Failed failed) {
      ingest.recordRejected(failed.rejected().reason());
      feed.recordReject();
      if (log.isWarnEnabled()) {
        log.warn("Rejected line {}", failed.rejected().describe(fileName));
      }
      return List.of();
    }
    ingest.recordAccepted();
    feed.recordMessage();
    BinanceMessage message = ((BinanceDecoder.Decoded) result).message();
    if (message instanceof BinanceMessage.DepthUpdate update) {
      book(update.instrumentId()).onUpdate(update);
    } else if (message instanceof BinanceMessage.Trade trade) {
      trade(trade);
    } else if (message instanceof BinanceMessage.BookTicker ticker) {
      bookTicker(ticker);
    } else {
      BinanceMessage.DepthSnapshot snapshot = (BinanceMessage.DepthSnapshot) message;
      book(snapshot.instrumentId()).onSnapshot(snapshot);
    }
    List<ReplayRecord> made = out;
    out = new ArrayList<>();
    return made;
  }

  /** The book of {@code instrumentId}, made on its first message. */
  BinanceBook book(int instrumentId) {
    BinanceBook book = books[instrumentId];
    if (book == null) {
      book =
          new BinanceBook(
              instrumentId,
              ids.instrumentSymbol(instrumentId),
              levelsPerSide,
              bufferedUpdates,
              feed,
              this);
      books[instrumentId] = book;
    }
    return book;
  }

  @Override
  public void delta(
      int instrumentId,
      long lineNumber,
      long sequence,
      long eventTimeNanos,
      Side side,
      long price,
      long size) {
    ReplayRecord.Builder record = record(EventKind.BOOK_DELTA, instrumentId, lineNumber);
    record.venueSequence = sequence;
    record.eventTimeNanos = eventTimeNanos;
    record.side = side;
    record.price = price;
    record.quantity = size;
    out.add(record.build());
  }

  @Override
  public void top(
      EventKind kind,
      int instrumentId,
      long lineNumber,
      long sequence,
      long eventTimeNanos,
      long bidPrice,
      long bidSize,
      long askPrice,
      long askSize) {
    ReplayRecord.Builder record = record(kind, instrumentId, lineNumber);
    record.venueSequence = sequence;
    record.eventTimeNanos = eventTimeNanos;
    record.bidPrice = bidPrice;
    record.bidSize = bidSize;
    record.askPrice = askPrice;
    record.askSize = askSize;
    out.add(record.build());
  }

  private void trade(BinanceMessage.Trade trade) {
    ReplayRecord.Builder record = record(EventKind.TRADE, trade.instrumentId(), trade.lineNumber());
    record.venueSequence = trade.tradeId();
    record.eventTimeNanos = trade.tradeTimeNanos();
    record.price = trade.price();
    record.quantity = trade.quantity();
    record.side = trade.aggressor();
    out.add(record.build());
  }

  /** Binance's own best bid and ask, as a QUOTE; withheld while the instrument's book is stale. */
  private void bookTicker(BinanceMessage.BookTicker ticker) {
    BinanceBook book = books[ticker.instrumentId()];
    if (book != null && book.isStale()) {
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

  private ReplayRecord.Builder record(EventKind kind, int instrumentId, long lineNumber) {
    ReplayRecord.Builder record = new ReplayRecord.Builder();
    record.lineNumber = lineNumber;
    record.kind = kind;
    record.venueId = venueId;
    record.instrumentId = instrumentId;
    record.traceId = TraceIds.derive(traceSeed, lineNumber);
    return record;
  }
}
