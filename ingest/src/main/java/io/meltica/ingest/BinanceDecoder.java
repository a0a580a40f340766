package io.meltica.ingest;

import io.meltica.protocol.Side;

/**
 * Decodes one line of a Binance spot recording (docs/venues.md): a {@code trade}, {@code
 * bookTicker} or {@code depthUpdate} payload, raw or in the combined-stream wrapper {@code
 * {"stream":...,"data":{...}}}, or a REST depth snapshot in the wrapper {@code
 * {"snapshot":SYMBOL,"data":{...}}} that names its symbol. Every check happens here, with the
 * replay format's {@link RejectReason}s and messages naming field and value.
 *
 * <p>Allocates per line (a JSON tree, a message, the level arrays), like {@link JsonLineDecoder}:
 * decoding is the edge; the books behind it do not allocate per update.
 *
 * <p>Concurrency: immutable and thread-safe.
 */
final class BinanceDecoder extends VenueDecoder<BinanceMessage> {
  /** Binance's times are epoch milliseconds; Meltica's are nanoseconds. */
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private static final long MAX_MILLIS = Long.MAX_VALUE / NANOS_PER_MILLI;

  private final VenueSymbols symbols;

  BinanceDecoder(VenueSymbols symbols) {
    this.symbols = symbols;
  }

  @Override
  BinanceMessage decode(long lineNumber, byte[] json) throws LineRejected {
    JsonFields line = new JsonFields(JsonLineDecoder.parseObject(json));
    if (line.has("snapshot")) {
      String symbol = line.text("snapshot");
      return snapshot(lineNumber, symbols.require("snapshot", symbol), line.object("data"));
    }
    JsonFields payload = line.has("stream") ? line.object("data") : line;
    if (!payload.has("e")) {
      if (payload.has("lastUpdateId")) {
        throw new LineRejected(
            RejectReason.MISSING_FIELD,
            "a depth snapshot must be wrapped as {\"snapshot\":SYMBOL,\"data\":{...}}");
      }
      return bookTicker(lineNumber, payload); // the only stream without an event type
    }
    String type = payload.text("e");
    payload.requiredFor(type);
    return switch (type) {
      case "trade" -> trade(lineNumber, payload);
      case "depthUpdate" -> depthUpdate(lineNumber, payload);
      default ->
          throw new LineRejected(
              RejectReason.UNKNOWN_KIND,
              "'e' must be trade or depthUpdate (or absent for bookTicker), got "
                  + JsonFields.quoted(type));
    };
  }

  private BinanceMessage.Trade trade(long lineNumber, JsonFields data) throws LineRejected {
    int instrument = symbols.require("s", data.text("s"));
    return new BinanceMessage.Trade(
        lineNumber,
        instrument,
        data.integer("t", 0, Long.MAX_VALUE),
        JsonFields.positive("p", data.amount("p")),
        JsonFields.positive("q", data.amount("q")),
        millisAsNanos(data, "T"),
        // m: the buyer was the resting order, so the seller took liquidity
        data.flag("m") ? Side.SELL : Side.BUY);
  }

  private BinanceMessage.BookTicker bookTicker(long lineNumber, JsonFields data)
      throws LineRejected {
    data.requiredFor("bookTicker");
    int instrument = symbols.require("s", data.text("s"));
    return new BinanceMessage.BookTicker(
        lineNumber,
        instrument,
        data.integer("u", 0, Long.MAX_VALUE),
        data.amount("b"),
        data.amount("B"),
        data.amount("a"),
        data.amount("A"));
  }

  private BinanceMessage.DepthUpdate depthUpdate(long lineNumber, JsonFields data)
      throws LineRejected {
    int instrument = symbols.require("s", data.text("s"));
    long first = data.integer("U", 0, Long.MAX_VALUE);
    long last = data.integer("u", 0, Long.MAX_VALUE);
    if (first > last) {
      throw new LineRejected(
          RejectReason.BAD_NUMBER, "'U' must not exceed 'u', got U=" + first + " u=" + last);
    }
    return new BinanceMessage.DepthUpdate(
        lineNumber,
        instrument,
        first,
        last,
        millisAsNanos(data, "E"),
        BookLevels.of(data, "b"),
        BookLevels.of(data, "a"));
  }

  private BinanceMessage.DepthSnapshot snapshot(long lineNumber, int instrument, JsonFields data)
      throws LineRejected {
    data.requiredFor("a depth snapshot");
    return new BinanceMessage.DepthSnapshot(
        lineNumber,
        instrument,
        data.integer("lastUpdateId", 0, Long.MAX_VALUE),
        BookLevels.of(data, "bids"),
        BookLevels.of(data, "asks"));
  }

  private static long millisAsNanos(JsonFields data, String field) throws LineRejected {
    return data.integer(field, 0, MAX_MILLIS) * NANOS_PER_MILLI;
  }
}
