package io.meltica.bench.latency;

import org.HdrHistogram.Histogram;

/** Publishes a latency run's events on its schedule, and says how late each left. */
interface SchedulePublisher {
  /** Publishes events {@code 0 .. count-1}; returns when every one has entered the pipeline. */
  void run(long count);

  /** How late events left against their schedule, in nanoseconds. */
  Histogram sendLag();
}
