package io.meltica.ingest;

import io.meltica.protocol.EventKind;
import io.meltica.protocol.IdRegistry;
import io.meltica.protocol.Side;
import io.meltica.protocol.TraceIds;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * What every venue feed (one run through a recording: decoder plus books) shares: counting and
 * logging accepted and rejected lines, and turning a line's trades and book events into the records
 * the data bus fills envelopes from, each carrying that line's trace id, {@code
 * TraceIds.derive(seed, line)}.
 *
 * <p>Not thread-safe: one per materialization of a venue's inputs, called by its one stream stage.
 */
abstract class VenueFeed<M> implements BookEvents {
  private final VenueDecoder<M> decoder;
  private final Logger log;
  private final String fileName;
  private final int venueId;
  private final long traceSeed;
  private final IngestStats ingest;
  final VenueFeedStats feed;
  private List<ReplayRecord> out = new ArrayList<>();

  /** When the line being handled was decoded, on the wall clock (ms resolution), for the lag. */
  private long receivedEpochNanos;

  /**
   * @param log where rejected lines are logged (the venue's logger)
   */
  VenueFeed(
      String fileName,
      VenueDecoder<M> decoder,
      Logger log,
      IdRegistry ids,
      IngestStats ingest,
      VenueFeedStats feed) {
    this.decoder = decoder;
    this.log = log;
    this.fileName = fileName;
    this.venueId = ids.venueId(feed.venue());
    this.traceSeed = ReplayVenue.traceSeed(fileName);
    this.ingest = ingest;
    this.feed = feed;
  }

  /** The records one line makes, in order; none for a rejected line. */
  final List<ReplayRecord> onFrame(LineFramer.Frame frame) {
    VenueDecoder.Result<M> result = decoder.decode(frame);
    if (result instanceof VenueDecoder.Failed<M> failed) {
      ingest.recordRejected(failed.rejected().reason());
      feed.recordReject();
      if (log.isWarnEnabled()) {
        log.warn("Rejected line {}", failed.rejected().describe(fileName));
      }
      return List.of();
    }
    ingest.recordAccepted();
    feed.recordMessage();
    if (feed.measuresLag()) {
      receivedEpochNanos = System.currentTimeMillis() * 1_000_000L;
    }
    handle(((VenueDecoder.Decoded<M>) result).message());
    return takeRecords();
  }

  /**
   * A live connection ended after line {@code lineNumber}: what it would have sent next is lost, so
   * every book in sync becomes stale (its stale mark is among the records returned) until a
   * snapshot on a new connection resyncs it. Counted once in {@link VenueFeedStats#disconnects()}.
   */
  final List<ReplayRecord> connectionLost(long lineNumber) {
    feed.recordDisconnect();
    markBooksStale(lineNumber);
    return takeRecords();
  }

  private List<ReplayRecord> takeRecords() {
    List<ReplayRecord> made = out;
    out = new ArrayList<>();
    return made;
  }

  /** Applies one decoded message: to a book, or straight to records. */
  abstract void handle(M message);

  /** Marks every book in sync stale, as of line {@code lineNumber}, with its stale mark. */
  abstract void markBooksStale(long lineNumber);

  @Override
  public final void delta(
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
    recordLag(eventTimeNanos);
    record.side = side;
    record.price = price;
    record.quantity = size;
    out.add(record.build());
  }

  @Override
  public final void top(
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
    recordLag(eventTimeNanos);
    record.bidPrice = bidPrice;
    record.bidSize = bidSize;
    record.askPrice = askPrice;
    record.askSize = askSize;
    out.add(record.build());
  }

  /** One TRADE; {@code aggressor} is the side that took liquidity. */
  final void trade(
      int instrumentId,
      long lineNumber,
      long tradeId,
      long tradeTimeNanos,
      long price,
      long quantity,
      Side aggressor) {
    ReplayRecord.Builder record = record(EventKind.TRADE, instrumentId, lineNumber);
    record.venueSequence = tradeId;
    record.eventTimeNanos = tradeTimeNanos;
    recordLag(tradeTimeNanos);
    record.price = price;
    record.quantity = quantity;
    record.side = aggressor;
    out.add(record.build());
  }

  /** A live feed's lag for one event that carries the venue's time (a bookTicker does not). */
  private void recordLag(long eventTimeNanos) {
    if (eventTimeNanos > 0 && feed.measuresLag()) {
      feed.recordLag(receivedEpochNanos, eventTimeNanos);
    }
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
