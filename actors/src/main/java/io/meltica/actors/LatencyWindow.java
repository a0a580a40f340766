package io.meltica.actors;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A latency distribution recorded by many threads and read in windows: each {@link #take()} returns
 * what was recorded since the previous one. Recording is wait-free and allocates nothing
 * (HdrHistogram's {@link Recorder}); taking a window allocates and belongs to metric readers, not
 * to the hot path.
 */
public final class LatencyWindow {
  /** One minute: anything slower is recorded as one minute. */
  private static final long HIGHEST_NANOS = 60_000_000_000L;

  private final Recorder recorder = new Recorder(HIGHEST_NANOS, 3);
  private final Histogram total = new Histogram(HIGHEST_NANOS, 3);

  /** Records one latency in nanoseconds; negative values count as 0. Any thread. */
  public void record(long nanos) {
    recorder.recordValue(Math.min(Math.max(nanos, 0), HIGHEST_NANOS));
  }

  /**
   * The values recorded since the last call, which are also added to {@link #total()}. Call from
   * one reader thread at a time.
   */
  public synchronized Histogram take() {
    Histogram window = recorder.getIntervalHistogram();
    total.add(window);
    return window;
  }

  /** Everything taken so far (call {@link #take()} first for an up-to-date total). */
  public synchronized Histogram total() {
    return total.copy();
  }
}
