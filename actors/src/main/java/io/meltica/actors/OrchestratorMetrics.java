package io.meltica.actors;

import io.meltica.protocol.counters.Counters;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the orchestrator: written by its actor, readable from any thread. */
public final class OrchestratorMetrics {
  private final LongAdder failures = new LongAdder();
  private final LongAdder forwarded = new LongAdder();
  private final LongAdder mergesComplete = new LongAdder();
  private final LongAdder mergesTimedOut = new LongAdder();
  private final LongAdder partialsReplaced = new LongAdder();
  private final LongAdder flips = new LongAdder();

  void onForwarded() {
    forwarded.increment();
  }

  void onMerged(boolean timedOut) {
    (timedOut ? mergesTimedOut : mergesComplete).increment();
  }

  void onPartialReplaced() {
    partialsReplaced.increment();
  }

  void onFlip() {
    flips.increment();
  }

  /** Events stamped and sent to the router (merged quotes and control events included). */
  public long forwarded() {
    return forwarded.sum();
  }

  /** Consolidated quotes published with every expected venue. */
  public long mergesComplete() {
    return mergesComplete.sum();
  }

  /** Consolidated quotes published by the merge timeout, with the venues that had reported. */
  public long mergesTimedOut() {
    return mergesTimedOut.sum();
  }

  /** Partials replaced by a newer quote of the same venue within one merge window. */
  public long partialsReplaced() {
    return partialsReplaced.sum();
  }

  /** Routing flips accepted. */
  public long flips() {
    return flips.sum();
  }

  /**
   * Where the {@link io.meltica.supervision.EnvelopeCustody} of the orchestrator counts failures.
   */
  LongAdder failureCounter() {
    return failures;
  }

  /** Messages the orchestrator failed on and went on from (each logged at ERROR). Should stay 0. */
  public long failures() {
    return failures.sum();
  }

  /** Registers these counters as {@code meltica.orchestrator.*}. */
  void registerIn(Counters counters) {
    counters.counter("meltica.orchestrator.forwarded", this::forwarded);
    counters.counter("meltica.orchestrator.merges_complete", this::mergesComplete);
    counters.counter("meltica.orchestrator.merges_timed_out", this::mergesTimedOut);
    counters.counter("meltica.orchestrator.partials_replaced", this::partialsReplaced);
    counters.counter("meltica.orchestrator.flips", this::flips);
    counters.counter("meltica.orchestrator.failures", this::failures);
  }
}
