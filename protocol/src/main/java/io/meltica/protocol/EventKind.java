package io.meltica.protocol;

/**
 * What an {@link Event} carries. Critical kinds are never dropped, conflated or filtered by a
 * routing flip; market data may be.
 */
public enum EventKind {
  TRADE(false),
  QUOTE(false),
  BOOK_DELTA(false),
  BOOK_SNAPSHOT(false),
  CONSOLIDATED_QUOTE(false),
  EXEC_REPORT(true),
  CONTROL_ACK(true),
  CONTROL_RESULT(true);

  private static final EventKind[] VALUES = values();

  private final boolean critical;

  EventKind(boolean critical) {
    this.critical = critical;
  }

  /** Execution reports and control acks/results: delivered always, whatever the routing version. */
  public boolean isCritical() {
    return critical;
  }

  /** Trades, quotes and book updates: may be dropped when stale. */
  public boolean isMarketData() {
    return !critical;
  }

  /** The kind with this ordinal, without the array copy of {@code values()}. */
  public static EventKind ofOrdinal(int ordinal) {
    return VALUES[ordinal];
  }
}
