package io.meltica.pool;

import io.meltica.protocol.counters.Counters;
import java.util.Locale;
import java.util.Map;

/** Registers a pool's gauges and counters, and its recycler's count per reason. */
public final class PoolCounters {
  private PoolCounters() {}

  /** Registers {@code pool} and its recycler in {@code counters}. */
  public static void registerIn(Counters counters, EventPool pool) {
    counters.gauge("meltica.pool.capacity", Map.of(), pool::capacity);
    counters.gauge("meltica.pool.in_use", Map.of(), pool::inUse);
    counters.gauge("meltica.pool.peak_in_use", Map.of(), pool::peakInUse);
    counters.gauge("meltica.pool.utilization", Map.of(), pool::utilization);
    counters.gauge("meltica.pool.unaccounted", Map.of(), pool::unaccountedCount);
    counters.counter("meltica.pool.acquired", pool::acquiredCount);
    counters.counter("meltica.pool.released", pool::releasedCount);
    counters.counter("meltica.pool.misses", pool::missCount);
    counters.counter("meltica.pool.dropped_on_release", pool::droppedOnReleaseCount);
    counters.counter("meltica.pool.double_releases", pool::doubleReleaseCount);
    counters.counter("meltica.pool.stale_releases", pool::staleReleaseCount);
    counters.counter("meltica.pool.foreign_releases", pool::foreignReleaseCount);
    Recycler recycler = pool.recycler();
    for (RecycleReason reason : RecycleReason.values()) {
      counters.counter(
          "meltica.recycled",
          Map.of("reason", reason.name().toLowerCase(Locale.ROOT)),
          () -> recycler.recycledCount(reason));
    }
  }
}
