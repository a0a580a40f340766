package io.meltica.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.ExecStatus;
import io.meltica.protocol.FixedPoint;
import io.meltica.protocol.IdRegistry;
import io.meltica.protocol.Side;
import io.meltica.protocol.TraceIds;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Decodes one framed line of a replay file into a {@link ReplayRecord}, or says why it cannot:
 * every check that could fail happens here, before any envelope is acquired. docs/replay-format.md
 * is the specification of the format and of each {@link RejectReason}.
 *
 * <p>Allocates per line (a JSON tree, a record): replay is an edge, not the hot path.
 *
 * <p>Concurrency: immutable and thread-safe (Jackson's configured mapper is); any number of streams
 * may share one decoder.
 */
public final class JsonLineDecoder {
  /** Kinds a replay may contain; the others are made by the pipeline itself. */
  private static final Set<EventKind> REPLAYABLE =
      EnumSet.complementOf(
          EnumSet.of(
              EventKind.CONSOLIDATED_QUOTE, EventKind.CONTROL_ACK, EventKind.CONTROL_RESULT));

  private static final Side[] SIDES = {Side.BUY, Side.SELL};
  private static final ExecStatus[] STATUSES =
      Arrays.stream(ExecStatus.values())
          .filter(status -> status != ExecStatus.NONE)
          .toArray(ExecStatus[]::new);

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          // Exact decimals: a JSON number must never pass through a double.
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          // Untrusted input: "{...} garbage" and a repeated key are errors, not silently resolved.
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static final int MAX_DETAIL_CHARS = 160;
  static final int MAX_QUOTED_CHARS = 40;

  /** Longest decimal string taken for a price or quantity; ample for 11 + 8 digits. */
  static final int MAX_DECIMAL_CHARS = 64;

  /** Digits before the point of the largest fixed-point value, 92233720368.54775807. */
  static final int MAX_INTEGER_DIGITS = 11;

  static final String MAX_FIXED_POINT = FixedPoint.format(Long.MAX_VALUE);

  private final IdRegistry ids;
  private final long traceSeed;

  /**
   * @param ids the instruments and venues a line may name
   * @param traceSeed seeds the trace id of a line without {@code trace_id}: {@code
   *     TraceIds.derive(traceSeed, lineNumber)}
   */
  public JsonLineDecoder(IdRegistry ids, long traceSeed) {
    this.ids = ids;
    this.traceSeed = traceSeed;
  }

  /** What became of one line. */
  public sealed interface Result permits Accepted, Rejected {}

  /** A valid line. */
  public record Accepted(ReplayRecord record) implements Result {}

  /**
   * A rejected line.
   *
   * @param detail a short, single-line explanation naming the field and offending value; never the
   *     whole line
   */
  public record Rejected(long lineNumber, RejectReason reason, String detail) implements Result {
    /** {@code "<source>:<line>: <label>: <detail>"}, e.g. for a log line. */
    public String describe(String source) {
      return source + ":" + lineNumber + ": " + reason.label() + ": " + detail;
    }
  }

  /** Decodes and validates one frame; never throws for bad input. */
  public Result decode(LineFramer.Frame frame) {
    if (frame instanceof LineFramer.TooLong tooLong) {
      return tooLong(tooLong);
    }
    LineFramer.Line line = (LineFramer.Line) frame;
    try {
      return new Accepted(decode(line.lineNumber(), line.bytes().toArray()));
    } catch (LineRejected rejected) {
      return new Rejected(line.lineNumber(), rejected.reason, rejected.detail);
    }
  }

  /** The rejection of a line over the limit; shared by every line-oriented decoder. */
  static Rejected tooLong(LineFramer.TooLong tooLong) {
    return new Rejected(
        tooLong.lineNumber(),
        RejectReason.LINE_TOO_LONG,
        "line is " + tooLong.length() + " bytes, the limit is " + tooLong.limit());
  }

  private ReplayRecord decode(long lineNumber, byte[] json) throws LineRejected {
    JsonFields fields = new JsonFields(parseObject(json));
    ReplayRecord.Builder record = new ReplayRecord.Builder();
    record.lineNumber = lineNumber;
    record.kind = kind(fields.text("kind"));
    fields.requiredFor(record.kind.name());
    record.venueId =
        interned(fields, "venue", ids::hasVenue, ids::venueId, RejectReason.UNKNOWN_VENUE);
    record.instrumentId =
        interned(
            fields,
            "instrument",
            ids::hasInstrument,
            ids::instrumentId,
            RejectReason.UNKNOWN_INSTRUMENT);
    record.venueSequence = fields.optionalInteger("seq", 0, Long.MAX_VALUE, 0);
    record.eventTimeNanos = fields.optionalInteger("ts", 0, Long.MAX_VALUE, 0);
    record.traceId = traceId(fields, lineNumber);
    record.targetStrategyId =
        (int) fields.optionalInteger("target", 1, Integer.MAX_VALUE, Event.NO_TARGET);
    switch (record.kind) {
      case TRADE, BOOK_DELTA -> {
        record.price = fields.amount("price");
        record.quantity = fields.amount("qty");
        record.side = fields.choice("side", SIDES);
      }
      case QUOTE, BOOK_SNAPSHOT -> {
        record.bidPrice = fields.amount("bid");
        record.bidSize = fields.amount("bid_size");
        record.askPrice = fields.amount("ask");
        record.askSize = fields.amount("ask_size");
      }
      case EXEC_REPORT -> {
        record.orderId = fields.integer("order_id", 0, Long.MAX_VALUE);
        record.execStatus = fields.choice("status", STATUSES);
        record.side = fields.choice("side", SIDES);
        record.price = fields.amount("price");
        record.quantity = fields.amount("qty");
        record.filledQuantity = fields.amount("filled");
        record.leavesQuantity = fields.amount("leaves");
      }
      default -> throw new IllegalStateException("not replayable: " + record.kind);
    }
    return record.build();
  }

  /** Parses one line that must be a single JSON object, strictly (see {@link #MAPPER}). */
  static JsonNode parseObject(byte[] json) throws LineRejected {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new LineRejected(RejectReason.BAD_JSON, shortened(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new LineRejected(RejectReason.BAD_JSON, shortened(e.getMessage()));
    }
    if (!root.isObject()) {
      throw new LineRejected(
          RejectReason.BAD_JSON, "expected a JSON object, got " + JsonFields.shown(root));
    }
    return root;
  }

  /** The id of the configured name in text field {@code field}. */
  private static int interned(
      JsonFields fields,
      String field,
      Predicate<String> known,
      ToIntFunction<String> idOf,
      RejectReason unknown)
      throws LineRejected {
    String name = fields.text(field);
    if (!known.test(name)) {
      throw new LineRejected(unknown, JsonFields.quoted(name) + " is not a configured " + field);
    }
    return idOf.applyAsInt(name);
  }

  private static EventKind kind(String name) throws LineRejected {
    for (EventKind kind : REPLAYABLE) {
      if (kind.name().equals(name)) {
        return kind;
      }
    }
    throw new LineRejected(
        RejectReason.UNKNOWN_KIND,
        "'kind' must be one of " + REPLAYABLE + ", got " + JsonFields.quoted(name));
  }

  private long traceId(JsonFields fields, long lineNumber) throws LineRejected {
    String text = fields.optionalText("trace_id");
    if (text == null) {
      return TraceIds.derive(traceSeed, lineNumber);
    }
    boolean hex = text.length() == 16 && TraceIds.isAsciiHex(text);
    long traceId = hex ? TraceIds.parse(text) : TraceIds.NONE;
    if (traceId == TraceIds.NONE) {
      throw new LineRejected(
          RejectReason.BAD_VALUE,
          "'trace_id' must be 16 hex digits, not all zero, got " + JsonFields.quoted(text));
    }
    return traceId;
  }

  /** Single line, bounded length: safe to log whatever the input was. */
  static String shortened(String text) {
    String clean = JsonFields.escaped(text == null ? "" : text);
    return clean.length() <= MAX_DETAIL_CHARS
        ? clean
        : clean.substring(0, MAX_DETAIL_CHARS) + "...";
  }
}
