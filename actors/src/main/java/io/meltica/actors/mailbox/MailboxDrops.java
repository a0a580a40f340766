package io.meltica.actors.mailbox;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one strategy's mailbox took away from it by its market-data policy: quotes a newer one
 * replaced (conflated) and market data dropped past the capacity (overflowed). Written by whoever
 * enqueues, readable from any thread; it outlives the mailbox, so a stopped strategy's counts stay.
 */
public final class MailboxDrops {
  private final LongAdder conflated = new LongAdder();
  private final LongAdder overflowed = new LongAdder();

  void onConflated() {
    conflated.increment();
  }

  void onOverflowed() {
    overflowed.increment();
  }

  /** Queued market data a newer event of the same instrument, kind and venue replaced. */
  public long conflated() {
    return conflated.sum();
  }

  /** Market data dropped because the strategy's queue was at its capacity (drop-* policies). */
  public long overflowed() {
    return overflowed.sum();
  }
}
