package io.meltica.protocol;

/** State of an order as an execution report tells it. {@code NONE} on every other kind. */
public enum ExecStatus {
  NONE,
  NEW,
  PARTIALLY_FILLED,
  FILLED,
  CANCELED,
  REJECTED;

  private static final ExecStatus[] VALUES = values();

  public static ExecStatus ofOrdinal(int ordinal) {
    return VALUES[ordinal];
  }
}
