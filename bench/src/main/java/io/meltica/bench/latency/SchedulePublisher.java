package io.meltica.bench.latency;

import io.meltica.bench.BenchEvents;
import io.meltica.protocol.Event;
import org.HdrHistogram.Histogram;

/**
 * Publishes a latency run's events on a fixed schedule: event {@code i} is due at {@code start + i
 * × period} and carries that intended time as its ingest time. Subclasses say how an event enters
 * the pipeline; this class keeps the schedule, the send lag (how late each event left against it)
 * and the {@link CompletionTracker} slot each event opens before it is published.
 *
 * <p>{@link #stamp} is called by one thread at a time (the publisher, or the data bus's stream
 * stage); {@link #sendLag} is read once the run is over.
 */
abstract class SchedulePublisher {
  private final CompletionTracker tracker;
  private final int trackedSubscribers;
  private final long ratePerSecond;
  private final Histogram sendLag = new Histogram(60_000_000_000L, 3);

  SchedulePublisher(CompletionTracker tracker, int trackedSubscribers, long ratePerSecond) {
    if (ratePerSecond < 1) {
      throw new IllegalArgumentException("rate must be >= 1 event/s, got " + ratePerSecond);
    }
    this.tracker = tracker;
    this.trackedSubscribers = trackedSubscribers;
    this.ratePerSecond = ratePerSecond;
  }

  /** Publishes events {@code 0 .. count-1}; returns when every one has entered the pipeline. */
  abstract void run(long count);

  /** How late events left against their schedule, in nanoseconds. */
  final Histogram sendLag() {
    return sendLag;
  }

  /** When event {@code sequence} is due, for a schedule that started at {@code start}. */
  final long intendedTime(long start, long sequence) {
    return start + sequence * 1_000_000_000L / ratePerSecond;
  }

  /**
   * Event {@code sequence}, due at {@code intended}, leaves {@code now}: records its lag, opens its
   * completion slot and fills {@code event} as a trade stamped with the intended time.
   */
  final Event stamp(Event event, long sequence, long intended, long now) {
    sendLag.recordValue(Math.max(0, now - intended));
    tracker.open(sequence, trackedSubscribers);
    return BenchEvents.trade(event, sequence, intended);
  }
}
