package io.meltica.ingest;

import io.meltica.protocol.counters.Counters;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what a venue took in: lines accepted, and lines rejected per {@link RejectReason}.
 *
 * <p>Thread-safe: the counters are {@link LongAdder}s, so a stream thread may count while a
 * reporter reads. A read taken while counting goes on is a recent value, not a snapshot; once the
 * stream has completed (which happens-before its completion future is observed) the reads are
 * exact.
 */
public final class IngestStats {
  private static final RejectReason[] REASONS = RejectReason.values();

  private final LongAdder accepted = new LongAdder();
  private final LongAdder[] rejected = new LongAdder[REASONS.length];

  public IngestStats() {
    for (int i = 0; i < rejected.length; i++) {
      rejected[i] = new LongAdder();
    }
  }

  /** Counts one line that became a valid input. */
  public void recordAccepted() {
    accepted.increment();
  }

  /** Counts one line rejected for {@code reason}. */
  public void recordRejected(RejectReason reason) {
    rejected[reason.ordinal()].increment();
  }

  /** Lines that became valid inputs. */
  public long accepted() {
    return accepted.sum();
  }

  /** Lines rejected for {@code reason}. */
  public long rejected(RejectReason reason) {
    return rejected[reason.ordinal()].sum();
  }

  /** Lines rejected for any reason. */
  public long rejectedTotal() {
    long total = 0;
    for (LongAdder count : rejected) {
      total += count.sum();
    }
    return total;
  }

  /**
   * Rejections per {@link RejectReason#label()}, every reason present (zeros included), in the
   * enum's declaration order. An unmodifiable copy.
   */
  public Map<String, Long> rejectedByLabel() {
    Map<String, Long> byLabel = new LinkedHashMap<>();
    for (RejectReason reason : REASONS) {
      byLabel.put(reason.label(), rejected(reason));
    }
    return Collections.unmodifiableMap(byLabel);
  }

  @Override
  public String toString() {
    return "IngestStats[accepted=" + accepted() + " rejected=" + rejectedByLabel() + "]";
  }

  /**
   * Registers {@code meltica.ingest.accepted} and one {@code meltica.ingest.rejected} per reason.
   */
  public void registerIn(Counters counters) {
    counters.counter("meltica.ingest.accepted", this::accepted);
    for (RejectReason reason : RejectReason.values()) {
      counters.counter(
          "meltica.ingest.rejected", Map.of("reason", reason.label()), () -> rejected(reason));
    }
  }
}
