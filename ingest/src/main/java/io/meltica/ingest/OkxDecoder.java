package io.meltica.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.meltica.protocol.Side;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one line of an OKX v5 public WebSocket recording (docs/venues.md): a push {@code
 * {"arg":{"channel":...,"instId":...},"action":...,"data":[...]}} of the {@code trades} or {@code
 * books} channel, as received. Every check happens here, with the replay format's {@link
 * RejectReason}s and messages naming field and value.
 *
 * <p>Allocates per line (a JSON tree, a message, the level arrays), like {@link BinanceDecoder}:
 * the level strings it keeps are the JSON tree's own, referenced by the book for its checksum.
 *
 * <p>Concurrency: immutable and thread-safe.
 */
final class OkxDecoder extends VenueDecoder<OkxMessage> {
  private static final long NANOS_PER_MILLI = 1_000_000L;
  private static final long MAX_MILLIS = Long.MAX_VALUE / NANOS_PER_MILLI;

  private final VenueSymbols symbols;

  OkxDecoder(VenueSymbols symbols) {
    this.symbols = symbols;
  }

  @Override
  OkxMessage decode(long lineNumber, byte[] json) throws LineRejected {
    JsonFields line = new JsonFields(JsonLineDecoder.parseObject(json));
    if (line.has("event")) {
      throw new LineRejected(
          RejectReason.UNKNOWN_KIND,
          "'event' "
              + JsonFields.quoted(line.text("event"))
              + ": only pushes of the trades and books channels are replayed");
    }
    JsonFields arg = line.object("arg");
    String channel = arg.text("channel");
    JsonNode data = line.array("data");
    return switch (channel) {
      case "trades" -> trades(lineNumber, data);
      case "books" -> book(lineNumber, line, arg, data);
      default ->
          throw new LineRejected(
              RejectReason.UNKNOWN_KIND,
              "'arg.channel' must be trades or books, got " + JsonFields.quoted(channel));
    };
  }

  private OkxMessage.Trades trades(long lineNumber, JsonNode data) throws LineRejected {
    if (data.isEmpty()) {
      throw new LineRejected(RejectReason.MISSING_FIELD, "'data' must hold at least one trade");
    }
    List<OkxMessage.Trade> trades = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      JsonFields trade = element(data, i);
      trade.requiredFor("a trade");
      trades.add(
          new OkxMessage.Trade(
              symbols.require("instId", trade.text("instId")),
              digits(trade, "tradeId", Long.MAX_VALUE),
              JsonFields.positive("px", trade.amount("px")),
              JsonFields.positive("sz", trade.amount("sz")),
              digits(trade, "ts", MAX_MILLIS) * NANOS_PER_MILLI,
              side(trade)));
    }
    return new OkxMessage.Trades(lineNumber, trades);
  }

  private OkxMessage.Book book(long lineNumber, JsonFields line, JsonFields arg, JsonNode data)
      throws LineRejected {
    String action = line.text("action");
    boolean snapshot;
    if (action.equals("snapshot")) {
      snapshot = true;
    } else if (action.equals("update")) {
      snapshot = false;
    } else {
      throw new LineRejected(
          RejectReason.BAD_VALUE,
          "'action' must be snapshot or update, got " + JsonFields.quoted(action));
    }
    int instrument = symbols.require("arg.instId", arg.text("instId"));
    if (data.size() != 1) {
      throw new LineRejected(
          RejectReason.BAD_VALUE,
          "'data' of a books push must hold one element, got " + data.size());
    }
    JsonFields book = element(data, 0);
    book.requiredFor("a books " + action);
    long checksum = book.integer("checksum", Integer.MIN_VALUE, Integer.MAX_VALUE);
    return new OkxMessage.Book(
        lineNumber,
        instrument,
        snapshot,
        book.integer("seqId", 0, Long.MAX_VALUE),
        book.integer("prevSeqId", -1, Long.MAX_VALUE),
        (int) checksum,
        digits(book, "ts", MAX_MILLIS) * NANOS_PER_MILLI,
        levels(book, "bids"),
        levels(book, "asks"));
  }

  private static JsonFields element(JsonNode data, int index) throws LineRejected {
    JsonNode node = data.get(index);
    if (!node.isObject()) {
      throw new LineRejected(
          RejectReason.MISTYPED_FIELD,
          "'data[" + index + "]' must be an object, got " + JsonFields.shown(node));
    }
    return new JsonFields(node);
  }

  /** OKX's {@code side} is the taker's: {@code buy} or {@code sell}. */
  private static Side side(JsonFields trade) throws LineRejected {
    String side = trade.text("side");
    return switch (side) {
      case "buy" -> Side.BUY;
      case "sell" -> Side.SELL;
      default ->
          throw new LineRejected(
              RejectReason.BAD_VALUE, "'side' must be buy or sell, got " + JsonFields.quoted(side));
    };
  }

  /** An integer OKX sends as a string of ASCII digits ({@code "ts"}, {@code "tradeId"}). */
  private static long digits(JsonFields object, String field, long max) throws LineRejected {
    String text = object.text(field);
    long value = 0;
    boolean valid = !text.isEmpty() && text.length() <= 19;
    for (int i = 0; valid && i < text.length(); i++) {
      char c = text.charAt(i);
      valid = c >= '0' && c <= '9';
      value = value * 10 + (c - '0');
    }
    if (!valid || value < 0 || value > max) {
      throw new LineRejected(
          RejectReason.BAD_NUMBER,
          "'"
              + field
              + "' must be a string of digits up to "
              + max
              + ", got "
              + JsonFields.quoted(text));
    }
    return value;
  }

  /** {@code [["price","size","0","numOrders"], ...]}: strings, read exactly, kept as received. */
  private static OkxMessage.Levels levels(JsonFields book, String field) throws LineRejected {
    JsonNode array = book.array(field);
    int count = array.size();
    if (count == 0) {
      return OkxMessage.Levels.NONE;
    }
    long[] prices = new long[count];
    long[] sizes = new long[count];
    String[] priceTexts = new String[count];
    String[] sizeTexts = new String[count];
    for (int i = 0; i < count; i++) {
      JsonNode level = array.get(i);
      String name = field + "[" + i + "]";
      if (!level.isArray() || level.size() != 4) {
        throw new LineRejected(
            RejectReason.MISTYPED_FIELD,
            "'"
                + name
                + "' must be [price, size, liquidated orders, orders], got "
                + JsonFields.shown(level));
      }
      priceTexts[i] = text(name + "[0]", level.get(0));
      sizeTexts[i] = text(name + "[1]", level.get(1));
      prices[i] =
          JsonFields.positive(name + "[0]", JsonFields.amountOf(name + "[0]", level.get(0)));
      sizes[i] = JsonFields.amountOf(name + "[1]", level.get(1));
    }
    return new OkxMessage.Levels(prices, sizes, priceTexts, sizeTexts);
  }

  /** Checksums are over the text: a level must be sent as strings. */
  private static String text(String name, JsonNode node) throws LineRejected {
    if (!node.isTextual()) {
      throw new LineRejected(
          RejectReason.MISTYPED_FIELD,
          "'" + name + "' must be a decimal string, got " + JsonFields.shown(node));
    }
    return node.textValue();
  }
}
