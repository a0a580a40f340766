package io.meltica.cluster.wire;

import io.meltica.protocol.counters.Counters;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.Extension;

/**
 * What one node's {@link EventSerializer} did: events written to the wire, read from it, refused on
 * the way in, and refused on the way out. One instance per ActorSystem, found with {@link
 * WireStatsExtension#get}, so that tests and metrics read the same counters the serializer writes.
 *
 * <p>Thread-safe: Pekko serializes and deserializes on many threads at once, so every counter is a
 * {@link LongAdder} (cheap to increment under contention; a read sums the cells, exact when no
 * thread is incrementing).
 */
public final class WireStats implements Extension {
  private final LongAdder sent = new LongAdder();
  private final LongAdder received = new LongAdder();
  private final LongAdder messagesReceived = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder rejectedOutOfRange = new LongAdder();
  private final LongAdder encodeFailures = new LongAdder();

  WireStats() {}

  /** Events written to the wire (their envelopes recycled as SENT_TO_NODE). */
  public long sent() {
    return sent.sum();
  }

  /** Events read from the wire into this node's pool. */
  public long received() {
    return received.sum();
  }

  /**
   * Messages the {@link #received()} events came in: one per event sent alone, one per batch. Fewer
   * messages than events means batches crossed.
   */
  public long messagesReceived() {
    return messagesReceived.sum();
  }

  /** Incoming bytes refused with a {@link MalformedEventException}; no envelope was taken. */
  public long rejected() {
    return rejected.sum();
  }

  /**
   * Of the {@link #rejected()}, those whose layout was right but a value was out of range ({@link
   * MalformedEventException.Reason#OUT_OF_RANGE}): an enum ordinal, or an id outside this node's
   * registry. A peer sending these runs another registry, or is hostile.
   */
  public long rejectedOutOfRange() {
    return rejectedOutOfRange.sum();
  }

  /**
   * Outgoing events that could not be written (no kind, or no room in the buffer); their envelopes
   * were recycled as REJECTED_INPUT and the message was not sent.
   */
  public long encodeFailures() {
    return encodeFailures.sum();
  }

  void recordSent() {
    sent.increment();
  }

  void recordReceived() {
    received.increment();
  }

  void recordMessageReceived() {
    messagesReceived.increment();
  }

  void recordRejected(MalformedEventException.Reason reason) {
    rejected.increment();
    if (reason == MalformedEventException.Reason.OUT_OF_RANGE) {
      rejectedOutOfRange.increment();
    }
  }

  void recordEncodeFailure() {
    encodeFailures.increment();
  }

  @Override
  public String toString() {
    return "WireStats[sent="
        + sent()
        + " received="
        + received()
        + " messagesReceived="
        + messagesReceived()
        + " rejected="
        + rejected()
        + " rejectedOutOfRange="
        + rejectedOutOfRange()
        + " encodeFailures="
        + encodeFailures()
        + "]";
  }

  /** Registers these counts as {@code meltica.cluster.wire.*}. */
  public void registerIn(Counters counters) {
    counters.counter("meltica.cluster.wire.sent", this::sent);
    counters.counter("meltica.cluster.wire.received", this::received);
    counters.counter("meltica.cluster.wire.rejected", this::rejected);
    counters.counter("meltica.cluster.wire.rejected_out_of_range", this::rejectedOutOfRange);
    counters.counter("meltica.cluster.wire.encode_failures", this::encodeFailures);
  }
}
