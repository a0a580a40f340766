package io.meltica.protocol;

/**
 * Trace ids are 64-bit values carried in every {@link Event} and printed as 16 lower-case hex
 * digits (the W3C trace-context width for a span id), so that a log line can be matched to the
 * event that caused it.
 */
public final class TraceIds {
  /** No trace id: printed as sixteen zeros. */
  public static final long NONE = 0L;

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private TraceIds() {}

  /** Sixteen hex digits, zero-padded. */
  public static String format(long traceId) {
    String hex = Long.toHexString(traceId);
    return "0".repeat(16 - hex.length()) + hex;
  }

  /**
   * Parses sixteen hex digits.
   *
   * @throws IllegalArgumentException naming the text if it is not exactly 16 ASCII hex digits
   */
  public static long parse(String text) {
    if (text.length() != 16) {
      throw new IllegalArgumentException(
          "trace id must be 16 hex digits, got " + text.length() + " characters: '" + text + "'");
    }
    if (!isAsciiHex(text)) {
      throw new IllegalArgumentException("trace id is not ASCII hexadecimal: '" + text + "'");
    }
    try {
      return Long.parseUnsignedLong(text, 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("trace id is not hexadecimal: '" + text + "'", e);
    }
  }

  /**
   * The {@code n}-th trace id of a sequence seeded by {@code seed}: distinct for distinct {@code
   * n}, well spread, never {@link #NONE} for practical sequences, and free of allocation
   * (SplitMix64's finaliser, a bijection on 64 bits).
   */
  public static long derive(long seed, long n) {
    long z = seed + (n + 1) * GOLDEN_GAMMA;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Whether every character of {@code text} is an ASCII hex digit ({@code 0-9a-fA-F}): Java's own
   * digit parsing also takes any Unicode digit and a leading sign.
   */
  public static boolean isAsciiHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
        return false;
      }
    }
    return !text.isEmpty();
  }
}
