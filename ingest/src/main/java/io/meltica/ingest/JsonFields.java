package io.meltica.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.meltica.protocol.FixedPoint;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Typed access to the fields of one line's JSON object; every accessor throws {@link LineRejected}
 * with the reason and a message naming the field. A JSON {@code null} counts as absent. Not
 * thread-safe: one per line.
 */
final class JsonFields {
  private final JsonNode object;
  private String requiredFor = "";

  JsonFields(JsonNode object) {
    this.object = object;
  }

  /** Names the kind in later "is required" messages. */
  void requiredFor(String kind) {
    requiredFor = " for " + kind;
  }

  String text(String name) throws LineRejected {
    return textOf(name, required(name));
  }

  String optionalText(String name) throws LineRejected {
    JsonNode node = optional(name);
    return node == null ? null : textOf(name, node);
  }

  long integer(String name, long min, long max) throws LineRejected {
    return integerOf(name, required(name), min, max);
  }

  long optionalInteger(String name, long min, long max, long absent) throws LineRejected {
    JsonNode node = optional(name);
    return node == null ? absent : integerOf(name, node, min, max);
  }

  <E extends Enum<E>> E choice(String name, E[] allowed) throws LineRejected {
    String text = text(name);
    for (E value : allowed) {
      if (value.name().equals(text)) {
        return value;
      }
    }
    throw new LineRejected(
        RejectReason.BAD_VALUE,
        field(name) + " must be one of " + Arrays.toString(allowed) + ", got " + quoted(text));
  }

  /** A non-negative price or quantity, from a JSON number or a decimal string, exactly. */
  long amount(String name) throws LineRejected {
    return amountOf(name, required(name));
  }

  /** A boolean field. */
  boolean flag(String name) throws LineRejected {
    JsonNode node = required(name);
    if (!node.isBoolean()) {
      throw mistyped(name, "a boolean", node);
    }
    return node.booleanValue();
  }

  /** An array field, for its elements to be read with {@link #amountOf}. */
  JsonNode array(String name) throws LineRejected {
    JsonNode node = required(name);
    if (!node.isArray()) {
      throw mistyped(name, "an array", node);
    }
    return node;
  }

  /** An object field, read with a {@link JsonFields} of its own. */
  JsonFields object(String name) throws LineRejected {
    JsonNode node = required(name);
    if (!node.isObject()) {
      throw mistyped(name, "an object", node);
    }
    return new JsonFields(node);
  }

  /** Whether the field is present and not {@code null}. */
  boolean has(String name) {
    return optional(name) != null;
  }

  /**
   * {@code node} as a non-negative price or quantity, exactly; {@code name} says where it was (an
   * array element: {@code "b[2][0]"}) in a rejection.
   */
  static long amountOf(String name, JsonNode node) throws LineRejected {
    BigDecimal value;
    if (node.isIntegralNumber()) {
      value = new BigDecimal(node.bigIntegerValue());
    } else if (node.isNumber()) {
      value = node.decimalValue(); // exact: floats are parsed as BigDecimal
    } else if (node.isTextual()) {
      value = decimal(name, node.textValue());
    } else {
      throw mistyped(name, "a number or a decimal string", node);
    }
    return fixedPoint(name, value);
  }

  /** Trades and book levels need a price above zero (the pipeline refuses them otherwise). */
  static long positive(String field, long value) throws LineRejected {
    if (value == 0) {
      throw new LineRejected(RejectReason.BAD_NUMBER, "'" + field + "' must be positive, got 0");
    }
    return value;
  }

  private JsonNode optional(String name) {
    JsonNode node = object.get(name);
    return node == null || node.isNull() ? null : node;
  }

  private JsonNode required(String name) throws LineRejected {
    JsonNode node = optional(name);
    if (node == null) {
      throw new LineRejected(
          RejectReason.MISSING_FIELD, field(name) + " is required" + requiredFor);
    }
    return node;
  }

  private static String textOf(String name, JsonNode node) throws LineRejected {
    if (!node.isTextual()) {
      throw mistyped(name, "a string", node);
    }
    return node.textValue();
  }

  private static long integerOf(String name, JsonNode node, long min, long max)
      throws LineRejected {
    if (!node.isIntegralNumber()) {
      throw mistyped(name, "an integer", node);
    }
    BigInteger value = node.bigIntegerValue();
    if (value.compareTo(BigInteger.valueOf(min)) < 0
        || value.compareTo(BigInteger.valueOf(max)) > 0) {
      throw badNumber(name, "must be between " + min + " and " + max, value.toString());
    }
    return value.longValueExact();
  }

  private static BigDecimal decimal(String name, String text) throws LineRejected {
    try {
      // BigDecimal alone also takes any Unicode digit: the replay format is ASCII
      if (text.length() <= JsonLineDecoder.MAX_DECIMAL_CHARS && FixedPoint.isAsciiDecimal(text)) {
        return new BigDecimal(text);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw badNumber(name, "is not a decimal number", quoted(text));
  }

  private static long fixedPoint(String name, BigDecimal value) throws LineRejected {
    if (value.signum() < 0) {
      throw badNumber(name, "must not be negative", value.toString());
    }
    if (value.signum() == 0) {
      return 0;
    }
    // Bounds before FixedPoint.parse: it would expand 1e999999999 into a billion digits.
    if (value.precision() - value.scale() > JsonLineDecoder.MAX_INTEGER_DIGITS) {
      throw badNumber(name, "exceeds " + JsonLineDecoder.MAX_FIXED_POINT, value.toString());
    }
    BigDecimal exact = value.stripTrailingZeros();
    if (exact.scale() > FixedPoint.DECIMALS) {
      throw badNumber(name, "has more than " + FixedPoint.DECIMALS + " decimals", value.toString());
    }
    try {
      return FixedPoint.parse(exact.toPlainString());
    } catch (NumberFormatException e) {
      throw badNumber(name, "exceeds " + JsonLineDecoder.MAX_FIXED_POINT, value.toString());
    }
  }

  private static LineRejected badNumber(String name, String problem, String value) {
    return new LineRejected(
        RejectReason.BAD_NUMBER,
        field(name) + " " + problem + ", got " + JsonLineDecoder.shortened(value));
  }

  private static LineRejected mistyped(String name, String expected, JsonNode node) {
    return new LineRejected(
        RejectReason.MISTYPED_FIELD, field(name) + " must be " + expected + ", got " + shown(node));
  }

  private static String field(String name) {
    return "'" + name + "'";
  }

  /** The JSON type of {@code node} and, for scalars, its (shortened) value. */
  static String shown(JsonNode node) {
    if (node.isTextual()) {
      return "string " + quoted(node.textValue());
    }
    if (node.isNumber() || node.isBoolean()) {
      return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
          + " "
          + JsonLineDecoder.shortened(node.asText());
    }
    return node.isObject() ? "an object" : node.isArray() ? "an array" : node.toString();
  }

  /**
   * In double quotes, escaped, at most {@code JsonLineDecoder.MAX_QUOTED_CHARS} characters of it.
   */
  static String quoted(String text) {
    String shown =
        text.length() <= JsonLineDecoder.MAX_QUOTED_CHARS
            ? text
            : text.substring(0, JsonLineDecoder.MAX_QUOTED_CHARS);
    return '"' + escaped(shown) + (shown.length() < text.length() ? "...\"" : "\"");
  }

  /** Control characters as \\uXXXX, so that a detail stays on one log line. */
  static String escaped(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
