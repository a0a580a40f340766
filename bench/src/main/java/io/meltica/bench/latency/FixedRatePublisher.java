package io.meltica.bench.latency;

import io.meltica.actors.MelticaPipeline;
import io.meltica.bench.BenchEvents;
import io.meltica.bench.Waits;
import org.HdrHistogram.Histogram;

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
final class FixedRatePublisher implements SchedulePublisher {
  private final MelticaPipeline pipeline;
  private final CompletionTracker tracker;
  private final int trackedSubscribers;
  private final long ratePerSecond;
  private final Histogram sendLag = new Histogram(60_000_000_000L, 3);

  FixedRatePublisher(
      MelticaPipeline pipeline,
      CompletionTracker tracker,
      int trackedSubscribers,
      long ratePerSecond) {
    if (ratePerSecond < 1) {
      throw new IllegalArgumentException("rate must be >= 1 event/s, got " + ratePerSecond);
    }
    this.pipeline = pipeline;
    this.tracker = tracker;
    this.trackedSubscribers = trackedSubscribers;
    this.ratePerSecond = ratePerSecond;
  }

  /** Publishes events {@code 0 .. count-1} on the schedule starting now; returns when all left. */
  @Override
  public void run(long count) {
    long start = System.nanoTime();
    for (long sequence = 0; sequence < count; sequence++) {
      long intended = start + sequence * 1_000_000_000L / ratePerSecond;
      long now = Waits.untilNanoTime(intended);
      sendLag.recordValue(Math.max(0, now - intended));
      tracker.open(sequence, trackedSubscribers);
      pipeline.publish(BenchEvents.trade(pipeline.acquire(), sequence, intended));
    }
  }

  @Override
  public Histogram sendLag() {
    return sendLag;
  }
}
