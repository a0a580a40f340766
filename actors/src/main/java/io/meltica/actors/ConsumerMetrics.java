package io.meltica.actors;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one strategy: written by its actor, readable from any thread. They outlive restarts
 * of the strategy.
 */
public final class ConsumerMetrics {
  private final int consumerId;
  private final String name;
  private final LongAdder deliveredMarketData = new LongAdder();
  private final LongAdder deliveredCritical = new LongAdder();
  private final LongAdder filtered = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LatencyWindow processingTime = new LatencyWindow();

  ConsumerMetrics(int consumerId, String name) {
    this.consumerId = consumerId;
    this.name = name;
  }

  void onDelivered(boolean critical) {
    (critical ? deliveredCritical : deliveredMarketData).increment();
  }

  void onFiltered() {
    filtered.increment();
  }

  void onFailure() {
    failures.increment();
  }

  void onProcessed(long nanos) {
    processingTime.record(nanos);
  }

  public int consumerId() {
    return consumerId;
  }

  public String name() {
    return name;
  }

  /** Market data handed to the handler. */
  public long deliveredMarketData() {
    return deliveredMarketData.sum();
  }

  /** Execution reports, control acks and results handed to the handler. */
  public long deliveredCritical() {
    return deliveredCritical.sum();
  }

  /** All events handed to the handler. */
  public long delivered() {
    return deliveredMarketData() + deliveredCritical();
  }

  /** Market data the gate dropped as stale. */
  public long filtered() {
    return filtered.sum();
  }

  /** Handler calls that threw. */
  public long failures() {
    return failures.sum();
  }

  /** Handler processing time in nanoseconds. */
  public LatencyWindow processingTime() {
    return processingTime;
  }
}
