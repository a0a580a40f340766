package io.meltica.protocol;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one fixed-point scale of every price and quantity in an {@link Event}: a {@code long} of
 * units of 10<sup>-8</sup> (a "satoshi"). {@code 27_123.45} is {@code 2_712_345_000_000L}. The
 * largest value is about 92 billion, ample for prices and sizes of any listed instrument.
 *
 * <p>Conversions to and from text allocate and belong to edges (decoders, reports), never to the
 * hot path; {@link #fromDouble(double)} does not allocate.
 */
public final class FixedPoint {
  /** Decimal digits after the point. */
  public static final int DECIMALS = 8;

  /** Units per whole: {@code 10^DECIMALS}. */
  public static final long SCALE = 100_000_000L;

  private FixedPoint() {}

  /** Nearest fixed-point value of {@code value}; for synthetic feeds where a double is fine. */
  public static long fromDouble(double value) {
    return Math.round(value * SCALE);
  }

  /** The value as a double, for display and statistics. */
  public static double toDouble(long fixed) {
    return (double) fixed / SCALE;
  }

  /**
   * Parses a decimal string exactly.
   *
   * @throws NumberFormatException if the text is not a decimal number in ASCII, has more than
   *     {@value #DECIMALS} decimals, or does not fit in a long
   */
  public static long parse(String text) {
    if (!isAsciiDecimal(text)) {
      throw new NumberFormatException("'" + text + "' is not an ASCII decimal number");
    }
    BigDecimal value = new BigDecimal(text);
    try {
      return value.movePointRight(DECIMALS).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    } catch (ArithmeticException e) {
      throw new NumberFormatException(
          "'" + text + "' needs more than " + DECIMALS + " decimals or does not fit in a long");
    }
  }

  /** Plain decimal text without trailing zeros, such as {@code "27123.45"}. */
  public static String format(long fixed) {
    return BigDecimal.valueOf(fixed, DECIMALS).stripTrailingZeros().toPlainString();
  }

  /**
   * Whether {@code text} is made only of the ASCII characters a decimal number may hold (digits,
   * sign, point, exponent): {@link BigDecimal} alone also takes any Unicode digit, such as
   * full-width or Arabic-Indic ones.
   */
  public static boolean isAsciiDecimal(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean allowed =
          c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }
}
