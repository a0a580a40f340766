package io.meltica.cluster;

import io.meltica.actors.MelticaPipeline;
import io.meltica.protocol.counters.Counters;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one node's {@link VersionSync}: versions from peers it refused, and peers that did
 * not confirm a flip's version in time. Written by the actor, readable from any thread.
 */
final class VersionStats {
  private final long maxVersionJump;
  private volatile long newest = 1;
  private final LongAdder refusedBackwards = new LongAdder();
  private final LongAdder refusedOutOfRange = new LongAdder();
  private final LongAdder prepareTimeouts = new LongAdder();

  /**
   * @param maxVersionJump {@code meltica.cluster.flip.max-version-jump}
   */
  VersionStats(long maxVersionJump) {
    this.maxVersionJump = maxVersionJump;
  }

  /** The newest version this node stamps; written by the VersionSync only. */
  void newest(long version) {
    newest = version;
  }

  /**
   * Whether a strategy on this node may raise its minimum to {@code minVersion}, sent by a router
   * that may be a peer's: never past {@link MelticaPipeline#MAX_ROUTING_VERSION}, and at most the
   * allowed jump above the newest version this node stamps (a flip has every node stamp its version
   * before it raises any minimum, so a real one is at most one above). Any thread.
   */
  boolean acceptsMinimum(long minVersion) {
    return minVersion <= MelticaPipeline.MAX_ROUTING_VERSION
        && minVersion - newest <= maxVersionJump;
  }

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
