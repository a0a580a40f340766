package io.meltica.bench.latency;

import io.meltica.actors.MelticaPipeline;
import io.meltica.bench.Waits;

/**
 * Publishes TRADE events on a fixed schedule: event {@code i} is due at {@code start + i × period},
 * and carries that intended time as its ingest time. A late publisher sends every overdue event at
 * once (each still stamped with its own intended time), so it never slows the schedule down to what
 * the pipeline absorbs: coordinated omission is avoided at the source.
 *
 * <p>Waiting is {@link Waits#untilNanoTime}'s park-then-yield. How late each event actually left is
 * recorded as the send lag.
 *
 * <p>Runs on the calling thread, the only publisher; it opens each event's slot in the {@link
 * CompletionTracker} before publishing it.
 */
final class FixedRatePublisher extends SchedulePublisher {
  private final MelticaPipeline pipeline;

  FixedRatePublisher(
      MelticaPipeline pipeline,
      CompletionTracker tracker,
      int trackedSubscribers,
      long ratePerSecond) {
    super(tracker, trackedSubscribers, ratePerSecond);
    this.pipeline = pipeline;
  }

  /** Publishes events {@code 0 .. count-1} on the schedule starting now; returns when all left. */
  @Override
  void run(long count) {
    long start = System.nanoTime();
    for (long sequence = 0; sequence < count; sequence++) {
      long intended = intendedTime(start, sequence);
      long now = Waits.untilNanoTime(intended);
      pipeline.publish(stamp(pipeline.acquire(), sequence, intended, now));
    }
  }
}
