package io.meltica.ingest;

import io.meltica.protocol.EventKind;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the data bus published, by category. Written by stream threads, readable from any thread.
 */
public final class BusStats {
  private final LongAdder marketData = new LongAdder();
  private final LongAdder critical = new LongAdder();

  void published(EventKind kind) {
    (kind.isCritical() ? critical : marketData).increment();
  }

  public long publishedMarketData() {
    return marketData.sum();
  }

  /** Critical events published by venues (execution reports). */
  public long publishedCritical() {
    return critical.sum();
  }

  public long publishedTotal() {
    return publishedMarketData() + publishedCritical();
  }
}
