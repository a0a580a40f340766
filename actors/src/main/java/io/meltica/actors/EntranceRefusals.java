package io.meltica.actors;

import io.meltica.protocol.InvalidEventException;
import io.meltica.protocol.counters.Counters;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Events refused at the pipeline's entrances ({@link MelticaPipeline#publish}, the data bus), by
 * reason, and venue adapters that failed to fill an envelope.
 *
 * <p>Written by any publishing thread and the stream threads, readable from any thread.
 */
public final class EntranceRefusals {
  private final Map<InvalidEventException.Reason, LongAdder> byReason =
      new EnumMap<>(InvalidEventException.Reason.class);
  private final LongAdder venueFailures = new LongAdder();

  EntranceRefusals() {
    for (InvalidEventException.Reason reason : InvalidEventException.Reason.values()) {
      byReason.put(reason, new LongAdder());
    }
  }

  /** Counts one refused event. */
  public void refused(InvalidEventException.Reason reason) {
    byReason.get(reason).increment();
  }

  /** Counts one input a venue adapter could not turn into an event (its {@code fill} threw). */
  public void venueFailed() {
    venueFailures.increment();
  }

  public long count(InvalidEventException.Reason reason) {
    return byReason.get(reason).sum();
  }

  public long venueFailures() {
    return venueFailures.sum();
  }

  /** Every refused event and failed venue input. */
  public long total() {
    long total = venueFailures.sum();
    for (LongAdder count : byReason.values()) {
      total += count.sum();
    }
    return total;
  }

  /** Registers the counts as {@code meltica.events.refused}, one series per reason. */
  void registerIn(Counters counters) {
    for (InvalidEventException.Reason reason : InvalidEventException.Reason.values()) {
      counters.counter(
          "meltica.events.refused", Map.of("reason", reason.label()), () -> count(reason));
    }
    counters.counter(
        "meltica.events.refused", Map.of("reason", "venue_failure"), this::venueFailures);
  }
}
