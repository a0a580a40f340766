package io.meltica.actors;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A latency distribution recorded by many threads and read in windows. Recording is wait-free and
 * allocates nothing (HdrHistogram's {@link Recorder}); reading allocates and belongs to metric
 * readers, not to the hot path.
 *
 * <p>Several readers may read it on their own schedules (a progress line, a metrics exporter): each
 * {@link Reader} gets what was recorded since its own previous read. {@link #take()} is the default
 * reader.
 */
public final class LatencyWindow {
  /** One minute: anything slower is recorded as one minute. */
  private static final long HIGHEST_NANOS = 60_000_000_000L;

  private final Recorder recorder = new Recorder(HIGHEST_NANOS, 3);
  private final Histogram total = new Histogram(HIGHEST_NANOS, 3);
  private final Reader defaultReader = newReader();

  /** Records one latency in nanoseconds; negative values count as 0. Any thread. */
  public void record(long nanos) {
    recorder.recordValue(Math.min(Math.max(nanos, 0), HIGHEST_NANOS));
  }

  /** The values recorded since the previous {@code take()}. */
  public Histogram take() {
    return defaultReader.next();
  }

  /** A reader with its own window, starting now. */
  public synchronized Reader newReader() {
    drain();
    return new Reader(total.copy());
  }

  /** Everything recorded so far. */
  public synchronized Histogram total() {
    drain();
    return total.copy();
  }

  private void drain() {
    total.add(recorder.getIntervalHistogram());
  }

  /** One reader's view: each {@link #next()} returns what was recorded since the previous. */
  public final class Reader {
    private Histogram seen;

    private Reader(Histogram seen) {
      this.seen = seen;
    }

    /** The values recorded since this reader's previous call (or its creation). */
    public Histogram next() {
      synchronized (LatencyWindow.this) {
        drain();
        Histogram window = total.copy();
        window.subtract(seen);
        seen = total.copy();
        return window;
      }
    }
  }
}
