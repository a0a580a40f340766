package io.meltica.cluster;

import io.meltica.protocol.counters.Counters;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one node's {@link VersionSync}: versions from peers it refused, and peers that did
 * not confirm a flip's version in time. Written by the actor, readable from any thread.
 */
final class VersionStats {
  private final LongAdder refusedBackwards = new LongAdder();
  private final LongAdder refusedOutOfRange = new LongAdder();
  private final LongAdder prepareTimeouts = new LongAdder();

  void refusedBackwards() {
    refusedBackwards.increment();
  }

  void refusedOutOfRange() {
    refusedOutOfRange.increment();
  }

  void prepareTimedOut() {
    prepareTimeouts.increment();
  }

  /** Versions from peers older than the newest this node knows: ignored. */
  long refusedBackwardsCount() {
    return refusedBackwards.sum();
  }

  /** Versions from peers out of range (past the allowed jump, or not a version): ignored. */
  long refusedOutOfRangeCount() {
    return refusedOutOfRange.sum();
  }

  /** Peers that had not confirmed a flip's version when its prepare timeout fired. */
  long prepareTimeoutCount() {
    return prepareTimeouts.sum();
  }

  /**
   * Registers these counts as {@code meltica.cluster.version.refused} (label {@code reason}: {@code
   * backwards}, {@code out_of_range}) and {@code meltica.cluster.version.prepare_timeouts}.
   */
  void registerIn(Counters counters) {
    counters.counter(
        "meltica.cluster.version.refused",
        Map.of("reason", "backwards"),
        this::refusedBackwardsCount);
    counters.counter(
        "meltica.cluster.version.refused",
        Map.of("reason", "out_of_range"),
        this::refusedOutOfRangeCount);
    counters.counter("meltica.cluster.version.prepare_timeouts", this::prepareTimeoutCount);
  }
}
