package io.meltica.actors.mailbox;

import java.util.Locale;

/**
 * What a strategy's mailbox does with market data once {@code capacity} market-data messages are
 * queued. Critical events and control messages are never dropped or conflated, whatever the policy.
 */
public enum MarketDataPolicy {
  /**
   * A newer QUOTE, BOOK_SNAPSHOT or CONSOLIDATED_QUOTE replaces the queued one of the same
   * instrument, kind and venue (the replaced one is recycled as CONFLATED); past the capacity the
   * oldest market data is dropped. The default: a slow strategy sees the latest prices.
   */
  CONFLATE,
  /** Past the capacity, the oldest queued market data is dropped for the newest. */
  DROP_OLDEST,
  /** Past the capacity, the arriving market data is dropped. */
  DROP_NEWEST,
  /** No bound: a slow strategy's mailbox grows, and so does the pool. */
  UNBOUNDED;

  /** The policy's name in configuration: conflate, drop-oldest, drop-newest, unbounded. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * @throws IllegalArgumentException naming the value and the valid ones
   */
  public static MarketDataPolicy fromConfigName(String name) {
    for (MarketDataPolicy policy : values()) {
      if (policy.configName().equals(name)) {
        return policy;
      }
    }
    throw new IllegalArgumentException(
        "unknown market-data policy '"
            + name
            + "': use conflate, drop-oldest, drop-newest or unbounded");
  }
}
