package io.meltica.actors;

import io.meltica.protocol.counters.Metric;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.Recorder;

/**
 * A latency distribution recorded by many threads and read in windows. Recording is wait-free and
 * allocates nothing (HdrHistogram's {@link Recorder}); reading allocates and belongs to metric
 * readers, not to the hot path.
 *
 * <p>Several readers may read it on their own schedules (a progress line, a metrics exporter): each
 * {@link Reader} gets what was recorded since its own previous read. {@link #take()} is the default
 * reader. A {@link Union} reads several windows as one, so that a view over several of them (every
 * event kind but one, say) costs the recording threads nothing.
 *
 * <h2>Concurrency</h2>
 *
 * {@link #record} from any thread. Reads ({@link #total()}, {@link Reader#next()}) from any thread:
 * they drain the recorder under this window's lock. A {@link Reader} keeps a cursor and serves one
 * reading thread at a time.
 */
public final class LatencyWindow {
  /** One minute: anything slower is recorded as one minute. */
  private static final long HIGHEST_NANOS = 60_000_000_000L;

  private static final int DIGITS = 3;

  private final Recorder recorder = new Recorder(HIGHEST_NANOS, DIGITS);
  private final Histogram total = emptyHistogram();
  private final Reader defaultReader = newReader();

  /** The recorder's last interval, handed back to it so that draining does not allocate. */
  private Histogram interval; // guarded by this

  /** Records one latency in nanoseconds; negative values count as 0. Any thread. */
  public void record(long nanos) {
    recorder.recordValue(Math.min(Math.max(nanos, 0), HIGHEST_NANOS));
  }

  /** The values recorded since the previous {@code take()}. */
  public Histogram take() {
    return defaultReader.next();
  }

  /** A reader with its own window, starting now. */
  public Reader newReader() {
    return new Reader(List.of(this));
  }

  /** Everything recorded so far. */
  public synchronized Histogram total() {
    drain();
    return total.copy();
  }

  /** A histogram with the range and precision every window records in, so that they add up. */
  static Histogram emptyHistogram() {
    return new Histogram(HIGHEST_NANOS, DIGITS);
  }

  private void drain() {
    interval = recorder.getIntervalHistogram(interval);
    total.add(interval);
  }

  /**
   * Adds what was recorded since {@code seen} to {@code into}, and moves {@code seen} up to now.
   * Without copies: a window per event kind is read every second by more than one reader.
   */
  private synchronized void readSince(Histogram seen, Histogram into) {
    drain();
    into.add(total);
    into.subtract(seen); // total >= seen at every value, so no count goes below zero
    total.copyInto(seen);
  }

  /**
   * Several windows read as one: {@link #total()} and every {@link Reader} window hold the values
   * of all of them. Each part is drained under its own lock, one after the other, so a read is not
   * one instant across the parts; every value still lands in exactly one window of each reader.
   */
  public static final class Union {
    private final List<LatencyWindow> parts;

    public Union(List<LatencyWindow> parts) {
      this.parts = List.copyOf(parts);
    }

    /** Everything recorded so far in any of the parts. */
    public Histogram total() {
      Histogram sum = emptyHistogram();
      for (LatencyWindow part : parts) {
        sum.add(part.total());
      }
      return sum;
    }

    /** A reader with its own window over every part, starting now. */
    public Reader newReader() {
      return new Reader(parts);
    }
  }

  /** One reader's view: each {@link #next()} returns what was recorded since the previous. */
  public static final class Reader {
    private final List<LatencyWindow> windows;
    private final Histogram[] seen;

    private Reader(List<LatencyWindow> windows) {
      this.windows = windows;
      this.seen = new Histogram[windows.size()];
      for (int i = 0; i < seen.length; i++) {
        seen[i] = windows.get(i).total();
      }
    }

    /** The values recorded since this reader's previous call (or its creation). */
    public Histogram next() {
      Histogram window = emptyHistogram();
      for (int i = 0; i < seen.length; i++) {
        windows.get(i).readSince(seen[i], window);
      }
      return window;
    }
  }

  /** A new reader's window in the registry's terms ({@link Metric.Window}). */
  public Metric.Window newWindow() {
    Reader reader = newReader();
    return sink -> {
      for (HistogramIterationValue value : reader.next().recordedValues()) {
        sink.record(value.getValueIteratedTo(), value.getCountAtValueIteratedTo());
      }
    };
  }
}
