package io.meltica.protocol;

/** Side of a trade, book level or order. {@code NONE} where the kind has no side. */
public enum Side {
  NONE,
  BUY,
  SELL;

  private static final Side[] VALUES = values();

  public static Side ofOrdinal(int ordinal) {
    return VALUES[ordinal];
  }
}
