package io.meltica.actors;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the router: written by the router actor, readable from any thread. */
public final class RouterMetrics {
  private final LongAdder events = new LongAdder();
  private final LongAdder deliveries = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder unrouted = new LongAdder();

  void onFanOut(int recipients) {
    events.increment();
    deliveries.add(recipients);
    duplicates.add(recipients - 1);
  }

  void onUnrouted() {
    events.increment();
    unrouted.increment();
  }

  /** Events the router received. */
  public long events() {
    return events.sum();
  }

  /** Envelopes sent to consumers (originals and duplicates). */
  public long deliveries() {
    return deliveries.sum();
  }

  /** Pooled duplicates made for fan-outs to more than one consumer. */
  public long duplicates() {
    return duplicates.sum();
  }

  /** Events no consumer wanted (recycled at once). */
  public long unrouted() {
    return unrouted.sum();
  }
}
