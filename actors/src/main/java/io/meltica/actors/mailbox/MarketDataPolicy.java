package io.meltica.actors.mailbox;

import java.util.Locale;

/**
 * What a strategy's mailbox does with market data it has not handled yet. Critical events and
 * control messages are never dropped or conflated, whatever the policy; every event a policy takes
 * away is recycled and counted for the strategy ({@link MailboxDrops}).
 */
public enum MarketDataPolicy {
  /**
   * The default, and lossless: only what a newer event fully replaces is conflated, a QUOTE,
   * BOOK_SNAPSHOT or CONSOLIDATED_QUOTE replacing the queued one of the same instrument, kind and
   * venue (recycled as CONFLATED). Trades and book deltas are never dropped, and there is no
   * capacity: a strategy too slow for them holds their envelopes, and the pool's high watermark
   * then slows ingest, as a lossless bus must.
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
