package io.meltica.supervision;

import io.meltica.protocol.counters.Counters;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running failure counts, written by the {@link FailureAggregator} and readable from any thread
 * (metric exporters, reports) without asking the actor.
 */
public final class FailureStats {
  private final LongAdder total = new LongAdder();
  private final LongAdder withTraceId = new LongAdder();

  void record(boolean hasTraceId) {
    total.increment();
    if (hasTraceId) {
      withTraceId.increment();
    }
  }

  /** Failures reported so far. */
  public long total() {
    return total.sum();
  }

  /** Failures that carried a trace id (and were therefore logged with one). */
  public long withTraceId() {
    return withTraceId.sum();
  }

  /** Registers {@code meltica.failures} and {@code meltica.failures.with_trace_id}. */
  public void registerIn(Counters counters) {
    counters.counter("meltica.failures", this::total);
    counters.counter("meltica.failures.with_trace_id", this::withTraceId);
  }
}
