package io.meltica.actors;

import io.meltica.protocol.counters.Counters;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the router: written by the router actor, readable from any thread. */
public final class RouterMetrics {
  private final LongAdder failures = new LongAdder();
  private final LongAdder events = new LongAdder();
  private final LongAdder deliveries = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder unrouted = new LongAdder();
  private volatile long broadcastVersion;
  private volatile long broadcastNanos = Long.MAX_VALUE;

  /**
   * @param copies pooled copies made for it (recipients - 1 in copy mode, 0 when shared)
   */
  void onFanOut(int recipients, int copies) {
    events.increment();
    deliveries.add(recipients);
    duplicates.add(copies);
  }

  void onUnrouted() {
    events.increment();
    unrouted.increment();
  }

  void onMinVersionBroadcast(long version, long nanos) {
    broadcastNanos = nanos;
    broadcastVersion = version; // written last: a reader that sees the version sees the time
  }

  /** The newest minimum version the router sent every strategy (0 before any flip). */
  public long minVersionBroadcast() {
    return broadcastVersion;
  }

  /**
   * When the router sent {@link #minVersionBroadcast()} to the strategies, in {@link
   * System#nanoTime()} units; from then on their mailboxes put the new minimum ahead of any queued
   * market data.
   */
  public long minVersionBroadcastNanos() {
    return broadcastNanos;
  }

  /** Events the router received. */
  public long events() {
    return events.sum();
  }

  /** Envelopes sent to strategies (originals and duplicates). */
  public long deliveries() {
    return deliveries.sum();
  }

  /** Pooled duplicates made for fan-outs to more than one strategy. */
  public long duplicates() {
    return duplicates.sum();
  }

  /** Events no strategy wanted (recycled at once). */
  public long unrouted() {
    return unrouted.sum();
  }

  /** Where the {@link io.meltica.supervision.EnvelopeCustody} of the router counts failures. */
  LongAdder failureCounter() {
    return failures;
  }

  /** Messages the router failed on and went on from (each logged at ERROR). Should stay 0. */
  public long failures() {
    return failures.sum();
  }

  /** Registers these counters as {@code meltica.router.*}. */
  void registerIn(Counters counters) {
    counters.counter("meltica.router.events", this::events);
    counters.counter("meltica.router.deliveries", this::deliveries);
    counters.counter("meltica.router.duplicates", this::duplicates);
    counters.counter("meltica.router.unrouted", this::unrouted);
    counters.counter("meltica.router.failures", this::failures);
  }
}
