package io.meltica.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.meltica.protocol.Side;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Decodes one line of a Coinbase Exchange recording (docs/venues.md): one WebSocket message as
 * received, told apart by its {@code type}. Every check happens here, with the replay format's
 * {@link RejectReason}s and messages naming field and value.
 *
 * <p>Allocates per line (a JSON tree, a message, the level arrays), like {@link BinanceDecoder}:
 * decoding is the edge; the books behind it do not allocate per update.
 *
 * <p>Concurrency: immutable and thread-safe.
 */
final class CoinbaseDecoder extends VenueDecoder<CoinbaseMessage> {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final VenueSymbols symbols;

  CoinbaseDecoder(VenueSymbols symbols) {
    this.symbols = symbols;
  }

  @Override
  CoinbaseMessage decode(long lineNumber, byte[] json) throws LineRejected {
    JsonFields message = new JsonFields(JsonLineDecoder.parseObject(json));
    String type = message.text("type");
    message.requiredFor(type);
    return switch (type) {
      case "match", "last_match" -> match(lineNumber, message);
      case "ticker" -> ticker(lineNumber, message);
      case "heartbeat" -> heartbeat(lineNumber, message);
      case "snapshot" -> snapshot(lineNumber, message);
      case "l2update" -> l2update(lineNumber, message);
      case "subscriptions" -> new CoinbaseMessage.Subscriptions(lineNumber);
      default ->
          throw new LineRejected(
              RejectReason.UNKNOWN_KIND,
              "'type' must be match, last_match, ticker, heartbeat, snapshot, l2update or"
                  + " subscriptions, got "
                  + JsonFields.quoted(type));
    };
  }

  private CoinbaseMessage.Match match(long lineNumber, JsonFields data) throws LineRejected {
    int instrument = instrument(data);
    long tradeId = data.integer("trade_id", 0, Long.MAX_VALUE);
    long sequence = data.integer("sequence", 0, Long.MAX_VALUE);
    long price = JsonFields.positive("price", data.amount("price"));
    long size = JsonFields.positive("size", data.amount("size"));
    // side is the maker's (the resting order): the taker, who traded into it, is the other side
    Side maker = side("side", data.text("side"));
    return new CoinbaseMessage.Match(
        lineNumber,
        instrument,
        tradeId,
        sequence,
        price,
        size,
        time(data),
        maker == Side.BUY ? Side.SELL : Side.BUY);
  }

  private CoinbaseMessage.Ticker ticker(long lineNumber, JsonFields data) throws LineRejected {
    int instrument = instrument(data);
    return new CoinbaseMessage.Ticker(
        lineNumber,
        instrument,
        data.integer("sequence", 0, Long.MAX_VALUE),
        time(data),
        data.amount("best_bid"),
        data.amount("best_bid_size"),
        data.amount("best_ask"),
        data.amount("best_ask_size"));
  }

  private CoinbaseMessage.Heartbeat heartbeat(long lineNumber, JsonFields data)
      throws LineRejected {
    int instrument = instrument(data);
    return new CoinbaseMessage.Heartbeat(
        lineNumber,
        instrument,
        data.integer("sequence", 0, Long.MAX_VALUE),
        data.integer("last_trade_id", 0, Long.MAX_VALUE),
        time(data));
  }

  private CoinbaseMessage.Snapshot snapshot(long lineNumber, JsonFields data) throws LineRejected {
    int instrument = instrument(data);
    return new CoinbaseMessage.Snapshot(
        lineNumber, instrument, BookLevels.of(data, "bids"), BookLevels.of(data, "asks"));
  }

  /** {@code changes}: {@code [["buy"|"sell", "price", "size"], ...]}, each read exactly. */
  private CoinbaseMessage.L2Update l2update(long lineNumber, JsonFields data) throws LineRejected {
    int instrument = instrument(data);
    JsonNode changes = data.array("changes");
    int count = changes.size();
    Side[] sides = new Side[count];
    long[] prices = new long[count];
    long[] sizes = new long[count];
    for (int i = 0; i < count; i++) {
      JsonNode change = changes.get(i);
      String name = "changes[" + i + "]";
      if (!change.isArray() || change.size() != 3) {
        throw new LineRejected(
            RejectReason.MISTYPED_FIELD,
            "'" + name + "' must be a [side, price, size] triple, got " + JsonFields.shown(change));
      }
      JsonNode side = change.get(0);
      if (!side.isTextual()) {
        throw new LineRejected(
            RejectReason.MISTYPED_FIELD,
            "'" + name + "[0]' must be a string, got " + JsonFields.shown(side));
      }
      sides[i] = side(name + "[0]", side.textValue());
      prices[i] =
          JsonFields.positive(name + "[1]", JsonFields.amountOf(name + "[1]", change.get(1)));
      sizes[i] = JsonFields.amountOf(name + "[2]", change.get(2));
    }
    return new CoinbaseMessage.L2Update(lineNumber, instrument, time(data), sides, prices, sizes);
  }

  private int instrument(JsonFields data) throws LineRejected {
    return symbols.require("product_id", data.text("product_id"));
  }

  private static Side side(String field, String text) throws LineRejected {
    return switch (text) {
      case "buy" -> Side.BUY;
      case "sell" -> Side.SELL;
      default ->
          throw new LineRejected(
              RejectReason.BAD_VALUE,
              "'" + field + "' must be buy or sell, got " + JsonFields.quoted(text));
    };
  }

  /** {@code time}: an ISO-8601 UTC time ({@code 2014-11-07T08:19:27.028459Z}) as epoch nanos. */
  private static long time(JsonFields data) throws LineRejected {
    String text = data.text("time");
    try {
      Instant time = Instant.parse(text);
      if (time.getEpochSecond() >= 0) {
        return Math.addExact(
            Math.multiplyExact(time.getEpochSecond(), NANOS_PER_SECOND), time.getNano());
      }
    } catch (DateTimeException | ArithmeticException e) {
      // reported below
    }
    throw new LineRejected(
        RejectReason.BAD_VALUE,
        "'time' must be a UTC time like 2014-11-07T08:19:27.028459Z between 1970 and 2262, got "
            + JsonFields.quoted(text));
  }
}
