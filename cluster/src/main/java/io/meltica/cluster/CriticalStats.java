package io.meltica.cluster;

import io.meltica.protocol.counters.Counters;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of at-least-once critical delivery on one node: written by its critical sender and the
 * inboxes of the entities it hosts, readable from any thread. The gauges are written by the sender
 * alone (single writer, volatile).
 */
public final class CriticalStats {
  private final LongAdder sent = new LongAdder();
  private final LongAdder acked = new LongAdder();
  private final LongAdder resent = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder malformed = new LongAdder();
  private final LongAdder beyondWindow = new LongAdder();
  private final LongAdder lost = new LongAdder();
  private volatile long inFlight;
  private volatile long pending;
  private volatile long oldestUnackedAgeNanos;

  void sent() {
    sent.increment();
  }

  void acked(int events) {
    acked.add(events);
  }

  void resent(int events) {
    resent.add(events);
  }

  void duplicate() {
    duplicates.increment();
  }

  void malformed() {
    malformed.increment();
  }

  void beyondWindow() {
    beyondWindow.increment();
  }

  void lost(long events) {
    lost.add(events);
  }

  void inFlight(long events) {
    inFlight = events;
  }

  void pending(long events) {
    pending = events;
  }

  void oldestUnackedAgeNanos(long nanos) {
    oldestUnackedAgeNanos = nanos;
  }

  /** Critical events this node sent (first sends only). */
  public long sentCount() {
    return sent.sum();
  }

  /** Of those, how many an entity acknowledged. */
  public long ackedCount() {
    return acked.sum();
  }

  /** Events sent again because no acknowledgement came in time. */
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

  /** Deliveries that arrived too far ahead of the next expected one, dropped (sent again later). */
  public long beyondWindowCount() {
    return beyondWindow.sum();
  }

  /** Events this node's sender still held unacknowledged when it stopped. */
  public long lostCount() {
    return lost.sum();
  }

  /** Events sent and not yet acknowledged, now. */
  public long inFlightCount() {
    return inFlight;
  }

  /** Events waiting for room in their strategy's window, now. */
  public long pendingCount() {
    return pending;
  }

  /** Age of the oldest unacknowledged event at the sender's last check, in seconds. */
  public double oldestUnackedAgeSeconds() {
    return oldestUnackedAgeNanos / 1e9;
  }

  /** Registers these counts as {@code meltica.cluster.critical.*}. */
  void registerIn(Counters counters) {
    counters.counter("meltica.cluster.critical.sent", this::sentCount);
    counters.counter("meltica.cluster.critical.acked", this::ackedCount);
    counters.counter("meltica.cluster.critical.resent", this::resentCount);
    counters.counter("meltica.cluster.critical.duplicates", this::duplicateCount);
    counters.counter("meltica.cluster.critical.malformed", this::malformedCount);
    counters.counter("meltica.cluster.critical.beyond_window", this::beyondWindowCount);
    counters.counter("meltica.cluster.critical.lost", this::lostCount);
    counters.gauge("meltica.cluster.critical.in_flight", Map.of(), this::inFlightCount);
    counters.gauge("meltica.cluster.critical.pending", Map.of(), this::pendingCount);
    counters.gauge(
        "meltica.cluster.critical.oldest_unacked_age_seconds",
        Map.of(),
        this::oldestUnackedAgeSeconds);
  }
}
