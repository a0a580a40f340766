package io.meltica.bench.latency;

import io.meltica.actors.EventHandler;
import io.meltica.bench.BusyWork;
import io.meltica.protocol.Event;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The subscribers' side of a latency run: handlers that record, for the events of the measurement
 * window, the time from each event's intended send time (its ingest time, set by the {@link
 * FixedRatePublisher} from the schedule, not from the clock) to the handler's start, and to the end
 * of the last tracked subscriber's handler.
 *
 * <p>Measuring from the intended time corrects for coordinated omission: an event the publisher
 * sent late because the system stalled still counts the stall. The values are recorded with plain
 * {@code recordValue}, not also with {@code recordValueWithExpectedInterval}: that would correct
 * for the same stall a second time.
 *
 * <h2>Concurrency</h2>
 *
 * Each handler records into histograms of its own (HdrHistogram's {@link SingleWriterRecorder}): a
 * strategy handles one event at a time, and Pekko orders its messages with a happens-before edge
 * whatever thread runs it, so every recorder has one writer at a time and the probe adds no
 * contended write of its own to the path it measures. The {@link CompletionTracker} finds the last
 * subscriber with a CAS; that subscriber records "last done" in its own recorder. The histograms
 * are merged once the run has drained.
 */
final class LatencyProbe {
  private static final long HIGHEST_NANOS = 60_000_000_000L;

  private final long windowStart;
  private final long windowEnd;
  private final CompletionTracker tracker;
  private final List<Recorders> fast = new CopyOnWriteArrayList<>();
  private final List<Recorders> slow = new CopyOnWriteArrayList<>();

  /**
   * @param windowStart first sequence number measured
   * @param windowEnd sequence number after the last one measured
   */
  LatencyProbe(long windowStart, long windowEnd, CompletionTracker tracker) {
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.tracker = tracker;
  }

  /** A tracked subscriber: records its start and takes part in "last subscriber done". */
  EventHandler fastHandler() {
    Recorders own = new Recorders();
    fast.add(own);
    return (event, ctx) -> onFastDelivery(event, own);
  }

  /**
   * An untracked subscriber that spins (or, if {@code waits}, parks) {@code workNanos} per event;
   * its start is kept apart.
   */
  EventHandler slowHandler(long workNanos, boolean waits) {
    Recorders own = new Recorders();
    slow.add(own);
    return (event, ctx) -> onSlowDelivery(event, workNanos, waits, own);
  }

  private void onFastDelivery(Event event, Recorders own) {
    long start = System.nanoTime();
    long sequence = event.venueSequence();
    long intended = event.ingestTimeNanos();
    boolean measured = inWindow(sequence);
    if (measured) {
      own.handlerStart.recordValue(clamp(start - intended));
    }
    if (tracker.complete(sequence) && measured) {
      own.lastDone.recordValue(clamp(System.nanoTime() - intended));
    }
  }

  private void onSlowDelivery(Event event, long workNanos, boolean waits, Recorders own) {
    long start = System.nanoTime();
    if (inWindow(event.venueSequence())) {
      own.handlerStart.recordValue(clamp(start - event.ingestTimeNanos()));
    }
    if (waits) {
      LockSupport.parkNanos(workNanos);
    } else {
      BusyWork.spinFor(workNanos);
    }
  }

  private boolean inWindow(long sequence) {
    return sequence >= windowStart && sequence < windowEnd;
  }

  private static long clamp(long nanos) {
    return Math.min(Math.max(nanos, 0), HIGHEST_NANOS);
  }

  /** Publish → handler start of the tracked subscribers, in nanoseconds. */
  Histogram handlerStart() {
    return merged(fast, false);
  }

  /** Publish → end of the last tracked subscriber's handler, in nanoseconds. */
  Histogram lastDone() {
    return merged(fast, true);
  }

  /** Publish → handler start of the slow subscriber, in nanoseconds. */
  Histogram slowHandlerStart() {
    return merged(slow, false);
  }

  private static Histogram merged(List<Recorders> subscribers, boolean lastDone) {
    Histogram total = new Histogram(HIGHEST_NANOS, 3);
    for (Recorders recorders : subscribers) {
      total.add((lastDone ? recorders.lastDone : recorders.handlerStart).getIntervalHistogram());
    }
    return total;
  }

  /** One subscriber's histograms. */
  private static final class Recorders {
    final SingleWriterRecorder handlerStart = new SingleWriterRecorder(HIGHEST_NANOS, 3);
    final SingleWriterRecorder lastDone = new SingleWriterRecorder(HIGHEST_NANOS, 3);
  }
}
