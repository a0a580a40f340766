package io.meltica.cluster;

import io.meltica.protocol.counters.Counters;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of at-least-once critical delivery on one node: written by its critical sender and the
 * inboxes of the entities it hosts, readable from any thread.
 */
public final class CriticalStats {
  private final LongAdder sent = new LongAdder();
  private final LongAdder acked = new LongAdder();
  private final LongAdder resent = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder malformed = new LongAdder();

  void sent() {
    sent.increment();
  }

  void acked() {
    acked.increment();
  }

  void resent() {
    resent.increment();
  }

  void duplicate() {
    duplicates.increment();
  }

  void malformed() {
    malformed.increment();
  }

  /** Critical events this node sent (first sends only). */
  public long sentCount() {
    return sent.sum();
  }

  /** Of those, how many an entity acknowledged. */
  public long ackedCount() {
    return acked.sum();
  }

  /** Sends repeated because no ack came in time. */
  public long resentCount() {
    return resent.sum();
  }

  /** Deliveries the entities on this node had already handled, dropped. */
  public long duplicateCount() {
    return duplicates.sum();
  }

  /** Deliveries whose payload could not be decoded, dropped and acknowledged. */
  public long malformedCount() {
    return malformed.sum();
  }

  /** Registers these counts as {@code meltica.cluster.critical.*}. */
  void registerIn(Counters counters) {
    counters.counter("meltica.cluster.critical.sent", this::sentCount);
    counters.counter("meltica.cluster.critical.acked", this::ackedCount);
    counters.counter("meltica.cluster.critical.resent", this::resentCount);
    counters.counter("meltica.cluster.critical.duplicates", this::duplicateCount);
    counters.counter("meltica.cluster.critical.malformed", this::malformedCount);
  }
}
