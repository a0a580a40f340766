package io.meltica.bench.cluster;

import io.meltica.actors.EventHandler;
import io.meltica.actors.StrategySpec;
import io.meltica.cluster.ClusterStrategy;
import io.meltica.protocol.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The strategies' side of a cross-node run, one probe per node: its strategy definitions make
 * handlers that count deliveries per strategy and record publish → handler start for the events of
 * the measurement window. The publish time travels in the event's event time, which the wire format
 * carries (the ingest time stays on the sending node).
 *
 * <h2>Concurrency</h2>
 *
 * Handlers of different strategies run concurrently on the node's dispatcher: the latency recorder
 * is HdrHistogram's multi-writer {@link Recorder}, the counters an {@link AtomicLongArray} slot per
 * strategy. The harness reads both from its own thread.
 */
final class CrossNodeProbe {
  private static final long HIGHEST_NANOS = 60_000_000_000L;

  private final AtomicLongArray delivered;
  private final Recorder latency = new Recorder(HIGHEST_NANOS, 3);
  private volatile long windowStart = Long.MAX_VALUE;
  private volatile long windowEnd = Long.MAX_VALUE;

  CrossNodeProbe(int strategies) {
    this.delivered = new AtomicLongArray(strategies);
  }

  /** Strategy {@code i} is named {@code strategy-i}; all follow every instrument. */
  List<ClusterStrategy> definitions() {
    List<ClusterStrategy> definitions = new ArrayList<>();
    for (int i = 0; i < delivered.length(); i++) {
      int slot = i;
      EventHandler handler = (event, ctx) -> onEvent(slot, event);
      definitions.add(
          new ClusterStrategy(
              ClusterStrategy.FIRST_ID + i, StrategySpec.of("strategy-" + i, () -> handler)));
    }
    return definitions;
  }

  private void onEvent(int slot, Event event) {
    long start = System.nanoTime();
    long sequence = event.venueSequence();
    if (sequence >= windowStart && sequence < windowEnd) {
      latency.recordValue(Math.min(HIGHEST_NANOS, Math.max(0, start - event.eventTimeNanos())));
    }
    delivered.incrementAndGet(slot);
  }

  /** Measure events numbered {@code start} (inclusive) to {@code end}; clears what was recorded. */
  void measure(long start, long end) {
    windowStart = start;
    windowEnd = end;
    latency.reset();
  }

  /** What was recorded since {@link #measure}. */
  Histogram latency() {
    return latency.getIntervalHistogram();
  }

  /** Zeroes the delivery counts; call while nothing is in flight. */
  void resetCounts() {
    for (int i = 0; i < delivered.length(); i++) {
      delivered.set(i, 0);
    }
  }

  long deliveredTotal() {
    long total = 0;
    for (int i = 0; i < delivered.length(); i++) {
      total += delivered.get(i);
    }
    return total;
  }

  /** How many strategies this node hosted since the counts were reset: those that received here. */
  int hosted() {
    int hosted = 0;
    for (int i = 0; i < delivered.length(); i++) {
      hosted += delivered.get(i) > 0 ? 1 : 0;
    }
    return hosted;
  }
}
