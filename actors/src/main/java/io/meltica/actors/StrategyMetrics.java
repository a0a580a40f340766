package io.meltica.actors;

import io.meltica.actors.mailbox.MailboxDrops;
import io.meltica.protocol.counters.Counters;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one strategy: written by its actor, readable from any thread. They outlive restarts
 * of the strategy.
 */
public final class StrategyMetrics {
  private final int strategyId;
  private final String name;
  private final LongAdder deliveredMarketData = new LongAdder();
  private final LongAdder deliveredCritical = new LongAdder();
  private final LongAdder filtered = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LatencyWindow processingTime = new LatencyWindow();

  /** The drop counts of the strategy's mailbox; null until it starts or if it has none of ours. */
  private volatile MailboxDrops mailbox;

  StrategyMetrics(int strategyId, String name) {
    this.strategyId = strategyId;
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

  /** Links the counts of the mailbox the strategy's actor runs on (again after a restart). */
  void attachMailbox(MailboxDrops drops) {
    if (drops != null) {
      mailbox = drops;
    }
  }

  public int strategyId() {
    return strategyId;
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

  /**
   * Market data the strategy's mailbox replaced with a newer event of the same instrument, kind and
   * venue before the handler saw it.
   */
  public long conflated() {
    MailboxDrops drops = mailbox;
    return drops == null ? 0 : drops.conflated();
  }

  /** Market data the strategy's mailbox dropped at its capacity (drop-oldest, drop-newest). */
  public long overflowed() {
    MailboxDrops drops = mailbox;
    return drops == null ? 0 : drops.overflowed();
  }

  /** Handler calls that threw (exceptions and errors). */
  public long failures() {
    return failures.sum();
  }

  /** Handler processing time in nanoseconds. */
  public LatencyWindow processingTime() {
    return processingTime;
  }

  /** Registers this strategy's counters, labelled with its strategy id. */
  void registerIn(Counters counters) {
    String id = Integer.toString(strategyId);
    Map<String, String> byId = Map.of("strategy", id);
    counters.counter(
        "meltica.strategy.delivered",
        Map.of("strategy", id, "kind", "market_data"),
        this::deliveredMarketData);
    counters.counter(
        "meltica.strategy.delivered",
        Map.of("strategy", id, "kind", "critical"),
        this::deliveredCritical);
    counters.counter("meltica.strategy.filtered", byId, this::filtered);
    counters.counter("meltica.strategy.failures", byId, this::failures);
    counters.counter("meltica.strategy.conflated", byId, this::conflated);
    counters.counter("meltica.strategy.overflowed", byId, this::overflowed);
    counters.histogram("meltica.strategy.processing_time", byId, processingTime::newWindow);
  }
}
