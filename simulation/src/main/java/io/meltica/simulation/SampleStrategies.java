package io.meltica.simulation;

import io.meltica.actors.EventHandler;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The strategies a default scenario runs: they keep a mid price per instrument (copying the fields
 * they need, never the envelope), and some of them misbehave on purpose.
 */
public final class SampleStrategies {
  private SampleStrategies() {}

  /** Keeps the latest mid price of each instrument it sees. */
  public static EventHandler midPriceTracker() {
    long[] mids = new long[1024];
    return (event, ctx) -> {
      int instrument = event.instrumentId();
      if (instrument > 0 && instrument < mids.length) {
        mids[instrument] = midOf(event, mids[instrument]);
      }
    };
  }

  /** A mid-price tracker that throws on {@code rate} of its events, at random. */
  public static EventHandler panicking(double rate, long seed) {
    EventHandler tracker = midPriceTracker();
    SplittableRandom random = new SplittableRandom(seed);
    return (event, ctx) -> {
      if (random.nextDouble() < rate) {
        throw new IllegalStateException(
            "simulated strategy bug on " + event.kind() + " #" + event.venueSequence());
      }
      tracker.onEvent(event, ctx);
    };
  }

  /** A mid-price tracker that burns {@code work} of CPU on every event. */
  public static EventHandler slow(Duration work) {
    EventHandler tracker = midPriceTracker();
    long nanos = work.toNanos();
    return (event, ctx) -> {
      long start = System.nanoTime();
      while (System.nanoTime() - start < nanos) {
        Thread.onSpinWait();
      }
      tracker.onEvent(event, ctx);
    };
  }

  private static long midOf(Event event, long previous) {
    EventKind kind = event.kind();
    if (kind == EventKind.QUOTE
        || kind == EventKind.BOOK_SNAPSHOT
        || kind == EventKind.CONSOLIDATED_QUOTE) {
      return (event.bidPrice() + event.askPrice()) / 2;
    }
    return kind == EventKind.TRADE ? event.price() : previous;
  }
}
